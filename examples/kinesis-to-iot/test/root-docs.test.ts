/** The root READMEs' Requirements/Resources/Inputs/Outputs tables match the .tf files. */
import { rootDocs } from './root-docs';

it('the source and target READMEs list every input and output of their root', async () => {
  for (const [file, readme, generated] of await rootDocs()) {
    expect({ file, readme }).toEqual({ file, readme: generated });
  }
});

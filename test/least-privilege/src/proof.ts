/**
 * The whole proof as one call: render (or reuse the cached rendering), extract
 * roles and policies, run the static check and the request matrix.
 */
import { extractRoles, type RenderedRole } from './extract';
import { buildMatrix, runMatrix, type MatrixResult } from './matrix';
import { renderFixture } from './render';
import { readFixtureInputs, type FixtureInputs } from './scenario';
import { staticCheck, type Finding } from './static-check';

export interface Proof {
  inputs: FixtureInputs;
  roles: RenderedRole[];
  findings: Finding[];
  matrix: MatrixResult;
}

/** Pure in the policies: checks the given roles against what `inputs` promise. */
export async function proveRoles(inputs: FixtureInputs, roles: RenderedRole[]): Promise<Proof> {
  const findings = staticCheck(roles);
  const matrix = await runMatrix(await buildMatrix(inputs, roles));
  return { inputs, roles, findings, matrix };
}

export async function renderAndProve(): Promise<Proof> {
  const { plan } = await renderFixture();
  return proveRoles(readFixtureInputs(), extractRoles(plan));
}

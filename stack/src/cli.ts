/**
 * Runs the local stack in the foreground: `npx tsx stack/src/cli.ts [--port N]`.
 * Prints the endpoint, ready-to-paste credentials per account and a Terraform
 * provider block (cli-banner.ts); Ctrl-C (or SIGTERM) stops moto and the gateway.
 */
import { banner } from './cli-banner';
import { startLocalStack } from './local-stack';

function portArgument(argv: string[]): number | undefined {
  const i = argv.indexOf('--port');
  if (i < 0) return undefined;
  const port = Number(argv[i + 1]);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`--port needs 1..65535, got ${argv[i + 1]}`);
  return port;
}

async function main(): Promise<void> {
  const port = portArgument(process.argv.slice(2));
  const stack = await startLocalStack({ ...(port ? { port } : {}), logger: (line) => console.error(line) });
  const accounts = await Promise.all(
    Object.entries(stack.accounts).map(async ([label, id]) => ({ label, id, credentials: await stack.operatorCredentials(id) })),
  );
  console.log(banner(stack.endpoint, 'us-east-1', accounts));
  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.error(`${signal}: stopping the local stack`);
    stack.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

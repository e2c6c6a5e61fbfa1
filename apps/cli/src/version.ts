declare const __CLI_VERSION__: string | undefined;

/** Version of @mlp-lab/cli, set by the bundler from package.json. */
export const CLI_VERSION: string = typeof __CLI_VERSION__ === "string" ? __CLI_VERSION__ : "0.0.0-dev";

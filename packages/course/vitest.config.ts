import { packageConfig } from "@mlp-lab/vitest-config";

export default packageConfig();

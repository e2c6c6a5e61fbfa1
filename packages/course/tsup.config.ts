import { libraryConfig } from "@mlp-lab/tsup-config";

export default libraryConfig();

import { packageConfig } from "@mlp-lab/vitest-config";
import react from "@vitejs/plugin-react";

// Components and adapters run in happy-dom; server tests opt into node with a `@vitest-environment` comment.
export default packageConfig({
  plugins: [react()],
  test: {
    include: ["src/**/*.test.tsx"],
    environment: "happy-dom",
  },
});

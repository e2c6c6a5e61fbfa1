/** `GET /viewer-api/runs/:id/files`: the files a run has, shared by the viewer server and the page. */
export interface RunFilesResponse {
  id: string;
  /** File names in artifacts/. */
  artifacts: string[];
  /** File names in checkpoints/best and checkpoints/last (empty when absent). */
  checkpoints: { best: string[]; last: string[] };
}

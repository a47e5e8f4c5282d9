/**
 * Why no update is on offer, or why one was refused: stable codes the renderer translates
 * (`update.problem.<code>`), with a message for IT's logs naming the address or the file.
 */
export const UPDATE_PROBLEMS = [
  'feedUnreachable',
  'feedNotYaml',
  'feedInvalid',
  'lowerVersion',
  'artefactMissing',
  'tampered',
  'truncated',
  'noPublisher',
  'installerFailed',
] as const;
export type UpdateProblemCode = (typeof UPDATE_PROBLEMS)[number];

export class UpdateProblem extends Error {
  constructor(
    readonly problem: UpdateProblemCode,
    message: string,
  ) {
    super(message);
  }
}

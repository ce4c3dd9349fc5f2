declare module "webvtt-parser" {
  class WebVTTParser {
    constructor(entities?: Record<string, string>);
    parse(
      input: string,
      mode?: "metadata" | "chapters",
    ): {
      cues: { id: string; startTime: number; endTime: number; text: string; tree: unknown }[];
      errors: { message: string; line: number; col?: number }[];
    };
  }
  const webvtt: { WebVTTParser: typeof WebVTTParser };
  export default webvtt;
}

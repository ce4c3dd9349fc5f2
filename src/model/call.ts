/** The one call model every transcript format is parsed into. Times are seconds from call start. */

export type Side = "internal" | "external" | "unknown";

export type Timing = "source" | "starts" | "estimated";

export type TranscriptFormat = "gong" | "vtt" | "srt" | "text" | "json";

export interface Participant {
  /** Stable within the call: Gong speakerId, or a slug of the speaker's name. */
  id: string;
  name: string;
  email: string | null;
  title: string | null;
  side: Side;
}

export interface Sentence {
  text: string;
  start_s: number;
  end_s: number;
}

/** One speaker turn: consecutive speech by one participant. */
export interface Utterance {
  /** Position in the call, 0-based. */
  index: number;
  speakerId: string;
  start_s: number;
  end_s: number;
  text: string;
  sentences: Sentence[];
  /** Gong's topic label for the monologue, when the source has one. */
  topic?: string;
}

export interface Call {
  id: string;
  title: string;
  started_at: string | null;
  duration_s: number;
  participants: Participant[];
  utterances: Utterance[];
  source: {
    format: TranscriptFormat;
    /** File the call was read from, when it came from disk. */
    path: string | null;
    /**
     * "source": start and end times come from the file. "starts": only start times do; ends were
     * estimated from speech rate, so pauses (patience) are approximate. "estimated": the file had
     * no timestamps and all times were derived from speech rate.
     */
    timing: Timing;
  };
  /** Link to the call in the system it came from (Gong's `metaData.url`), when it has one. */
  url?: string | null;
  /** Best-effort repairs made while parsing (e.g. reordered cues), one line each. */
  warnings: string[];
}

export function participantById(call: Call, id: string): Participant | undefined {
  return call.participants.find((p) => p.id === id);
}

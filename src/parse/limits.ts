/**
 * Input limits for transcripts, documented in docs/formats.md. Parsing cost grows linearly with
 * each of these, so together they bound the work one upload can cause; each is refused with an
 * InputError naming what was over the limit. They sit far above real calls: a 60-minute call is
 * about 60 KB of text, 600 turns and under 20 speakers; a full-day recorded workshop is still well
 * under a tenth of every limit.
 */

/** Bytes read from a file (checked before reading) and UTF-16 code units of a string input. */
export const MAX_TRANSCRIPT_BYTES = 20 * 1024 * 1024;

/** Turns, cues or sentences-with-speaker in one transcript (utterances before merging). */
export const MAX_SEGMENTS = 250_000;

/** Distinct speakers in one call. */
export const MAX_SPEAKERS = 100_000;

export const formatCount = (n: number) => n.toLocaleString("en-US");

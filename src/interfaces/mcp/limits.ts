/**
 * Size limits of Call Coach's MCP server, in bytes (not characters: 3.9 M CJK characters are
 * 11.7 MB of UTF-8). The tool's own limit sits well below the transport's, so a transcript the
 * tool accepts always fits in a message, even with JSON escaping; a message over the transport's
 * limit is answered with a JSON-RPC error and the server keeps serving.
 */

/** One JSON-RPC message, over stdio or as an HTTP request body. */
export const MAX_MCP_MESSAGE_BYTES = 16 * 2 ** 20;

/** `analyze_call`'s `transcript`, as UTF-8. The HTTP upload's limit (10 MB) is about the same. */
export const MAX_TOOL_TRANSCRIPT_BYTES = 10 * 2 ** 20;

/**
 * The Call Coach MCP server over Streamable HTTP, stateless: each POST gets a fresh server and
 * transport (cheap: tools only hold a reference to the shared service) and a plain JSON answer.
 * No session state means any number of clients, and nothing to clean up when one disappears.
 */
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import type { CallCoachService } from "../../service/call-service.js";
import { createCallCoachMcpServer } from "./call-coach-server.js";
import { MAX_MCP_MESSAGE_BYTES } from "./limits.js";

export async function handleMcpRequest(service: CallCoachService, request: Request): Promise<Response> {
  if (request.method !== "POST") {
    // Stateless: no server-initiated stream (GET) and no session to delete (DELETE).
    return Response.json(
      {
        jsonrpc: "2.0",
        error: { code: -32000, message: "Method not allowed: POST JSON-RPC messages to /mcp" },
        id: null,
      },
      { status: 405, headers: { Allow: "POST" } },
    );
  }
  const server = createCallCoachMcpServer(service);
  const transport = new WebStandardStreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    enableJsonResponse: true,
    maxRequestBodySize: MAX_MCP_MESSAGE_BYTES,
  });
  await server.connect(transport);
  try {
    return await transport.handleRequest(request);
  } finally {
    await transport.close();
    await server.close();
  }
}

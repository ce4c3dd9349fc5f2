/** Starts the HTTP application on a port (0 picks a free one) and stops it cleanly. */
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { Hono } from "hono";
import { ServiceError } from "../../errors.js";

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export { isLoopback } from "./guards.js";

export function startServer(app: Hono, options: { port: number; host: string }): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const server = serve(
      { fetch: app.fetch, port: options.port, hostname: options.host },
      (info: AddressInfo) => {
        const host = info.family === "IPv6" ? `[${info.address}]` : info.address;
        resolve({
          url: `http://${host}:${info.port}`,
          port: info.port,
          close: () =>
            new Promise<void>((done) => {
              server.close(() => done());
              // Keep-alive connections would hold close() open; nothing is in flight once we are asked to stop.
              (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
            }),
        });
      },
    );
    server.once("error", (err: NodeJS.ErrnoException) =>
      reject(
        new ServiceError(
          "http",
          err.code === "EADDRINUSE"
            ? `port ${options.port} is already in use`
            : `cannot listen: ${err.message}`,
        ),
      ),
    );
  });
}

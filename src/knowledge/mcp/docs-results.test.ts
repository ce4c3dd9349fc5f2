import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { ServiceError } from "../../errors.js";
import { embeddedMetadata, parseDocsSearchResult, payloadToHits, stripPreamble } from "./docs-results.js";

// The shape Prefect's hosted docs server returns (prefect-mcp-server tests/docs_mcp snapshot):
// no title/link fields, both inside the snippet text.
const HOSTED_SNIPPET =
  "This is an excerpt from a document\n        \n\n# Document metadata\n        title=None link='https://docs-3.prefect.io/v3/concepts/flows' source='url' document_type='web page'\n        \n        \n        # Excerpt content: What is a flow?\nFlows are defined as decorated Python functions.\nRetries can be performed on failure, with configurable delay and retry limits.\n        ";
const HOSTED_PAYLOAD = {
  query: "how to create a flow",
  namespace: "docs-v1",
  results: [{ snippet: HOSTED_SNIPPET, id: "doc_7d77264e", score: 0.43291277 }],
};

describe("parseDocsSearchResult", () => {
  it("reads structuredContent", () => {
    const p = parseDocsSearchResult(
      { content: [], structuredContent: HOSTED_PAYLOAD } as CallToolResult,
      "docs_search_prefect",
    );
    assert.equal(p.namespace, "docs-v1");
    assert.equal(p.results.length, 1);
  });

  it("reads a JSON text result when there is no structured content", () => {
    const p = parseDocsSearchResult(
      { content: [{ type: "text", text: JSON.stringify(HOSTED_PAYLOAD) }] },
      "search_prefect",
    );
    assert.equal(p.results[0]?.id, "doc_7d77264e");
  });

  it("unwraps FastMCP's {result: …} wrapper", () => {
    const p = parseDocsSearchResult(
      { content: [], structuredContent: { result: HOSTED_PAYLOAD } } as CallToolResult,
      "search_prefect",
    );
    assert.equal(p.results.length, 1);
  });

  it("rejects text that is not JSON as malformed", () => {
    assert.throws(
      () => parseDocsSearchResult({ content: [{ type: "text", text: "oops {" }] }, "search_prefect"),
      (e: unknown) =>
        e instanceof ServiceError && e.code === "malformed_result" && /search_prefect/.test(e.message),
    );
  });

  it("rejects a payload whose results are not a list", () => {
    assert.throws(
      () =>
        parseDocsSearchResult({ content: [{ type: "text", text: '{"results": "none"}' }] }, "search_prefect"),
      (e: unknown) => e instanceof ServiceError && e.code === "malformed_result",
    );
  });

  it("turns an error result into a tool_error carrying the server's message", () => {
    assert.throws(
      () =>
        parseDocsSearchResult(
          { isError: true, content: [{ type: "text", text: "Query must not be empty." }] },
          "search_prefect",
        ),
      (e: unknown) =>
        e instanceof ServiceError && e.code === "tool_error" && /must not be empty/.test(e.message),
    );
  });
});

describe("payloadToHits", () => {
  it("recovers the link and section from the snippet text and strips the metadata preamble", () => {
    const [hit] = payloadToHits(HOSTED_PAYLOAD, "flow retries");
    assert.ok(hit);
    assert.equal(hit.url, "https://docs-3.prefect.io/v3/concepts/flows");
    assert.equal(hit.section, "What is a flow?");
    assert.equal(hit.title, "What is a flow?");
    assert.equal(hit.source, "mcp");
    assert.match(hit.content, /^Flows are defined as decorated Python functions/);
    assert.doesNotMatch(hit.content, /Document metadata|link=/);
  });

  it("prefers explicit title and link fields, then metadata", () => {
    const hits = payloadToHits(
      {
        results: [
          {
            snippet: "Work pools route runs.",
            id: "a",
            score: 3,
            title: "Work pools",
            link: "https://docs.prefect.io/v3/concepts/work-pools",
          },
          {
            snippet: "Secrets are encrypted.",
            id: "b",
            score: 2,
            metadata: { title: "Secrets", link: "https://docs.prefect.io/v3/concepts/secrets" },
          },
        ],
      },
      "work pools",
    );
    assert.deepEqual(
      hits.map((h) => [h.title, h.url]),
      [
        ["Work pools", "https://docs.prefect.io/v3/concepts/work-pools"],
        ["Secrets", "https://docs.prefect.io/v3/concepts/secrets"],
      ],
    );
  });

  it("falls back to a title from the URL, drops results without any link, and scores by rank", () => {
    const hits = payloadToHits(
      {
        results: [
          { snippet: "no link here", id: "x", score: 0.1 },
          {
            snippet: 'link="https://docs.prefect.io/v3/how-to-guides/migrate-from-airflow" text',
            id: "y",
            score: 0.2,
          },
          { snippet: "second", id: "z", score: 0.9, link: "https://docs.prefect.io/v3/concepts/flows" },
        ],
      },
      "airflow",
    );
    assert.equal(hits.length, 2);
    assert.equal(hits[0]?.title, "Migrate from airflow");
    assert.ok(
      hits[0]!.score > hits[1]!.score,
      "earlier results rank higher whatever the server's score means",
    );
  });
});

describe("snippet metadata helpers", () => {
  it("reads double-quoted values and ignores title=None", () => {
    assert.deepEqual(embeddedMetadata(`title="Flows" link="https://x.test/a"`), {
      title: "Flows",
      link: "https://x.test/a",
      heading: null,
    });
    assert.equal(embeddedMetadata(HOSTED_SNIPPET).title, null);
  });

  it("leaves plain snippets alone", () => {
    assert.equal(stripPreamble("Just text."), "Just text.");
  });
});

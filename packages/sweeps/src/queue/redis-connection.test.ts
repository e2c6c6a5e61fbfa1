import { describe, expect, it } from "vitest";
import { QueueUrlError, redactUrl } from "../errors.js";
import { parseQueueUrl, throttledLog } from "./redis-connection.js";

describe("queue URLs", () => {
  it("accepts redis:// with a password and a database, and rediss:// (TLS); redacts the password", () => {
    expect(parseQueueUrl("redis://127.0.0.1:6379")).toEqual({
      url: "redis://127.0.0.1:6379",
      redacted: "redis://127.0.0.1:6379",
      tls: false,
    });
    const secret = parseQueueUrl("redis://:s3cret@10.0.0.5:6380/2");
    expect(secret.redacted).toBe("redis://:***@10.0.0.5:6380/2");
    expect(parseQueueUrl("rediss://user:pw@redis.example.org:6380").tls).toBe(true);
    expect(redactUrl("rediss://user:pw@h:1")).toBe("rediss://user:***@h:1");
  });

  it("refuses other schemes and malformed URLs, naming the flag", () => {
    expect(() => parseQueueUrl("http://127.0.0.1:6379")).toThrow(QueueUrlError);
    expect(() => parseQueueUrl("http://127.0.0.1:6379")).toThrow(
      /--queue http:\/\/127\.0\.0\.1:6379: scheme http: is not redis: or rediss:/,
    );
    expect(() => parseQueueUrl("127.0.0.1:6379")).toThrow(/--queue/);
    expect(() => parseQueueUrl("redis://:pw@h:1/x")).toThrow(
      /--queue redis:\/\/:\*\*\*@h:1\/x: database "x" is not a number/,
    );
  });

  it("throttles repeated log lines", () => {
    const lines: string[] = [];
    const log = throttledLog((l) => lines.push(l), 60_000);
    for (let i = 0; i < 5; i++) log("redis: connect ECONNREFUSED");
    log("other");
    expect(lines).toEqual(["redis: connect ECONNREFUSED", "other"]);
  });
});

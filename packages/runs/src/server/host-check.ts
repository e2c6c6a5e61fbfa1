import type { IncomingMessage, ServerResponse } from "node:http";
import { isIP } from "node:net";
import { sendError } from "./respond.js";

/** Options of {@link createHostCheck}. */
export interface HostCheckOptions {
  /**
   * The address the server is bound to. A host name here (e.g. `myhost.lan`) is accepted in `Host`
   * headers; an IP address or a wildcard (`0.0.0.0`, `::`) adds nothing, since IP literals are always
   * accepted.
   */
  boundHost?: string;
  /**
   * More host names to accept (like Vite's `server.allowedHosts`): exact names, or `.example.com` for the
   * name and every subdomain. `true` accepts any host and turns the check off.
   */
  allowedHosts?: readonly string[] | true;
}

/** The host name of a `Host` header value, lower case, without port, brackets or trailing dot. */
export function hostnameOf(header: string): string {
  const value = header.trim().toLowerCase();
  let name: string;
  if (value.startsWith("[")) {
    const end = value.indexOf("]");
    name = end === -1 ? value : value.slice(1, end);
  } else {
    const colon = value.indexOf(":");
    // One colon is a port; several without brackets would be a bare IPv6 address (not valid in Host).
    name = colon !== -1 && value.indexOf(":", colon + 1) === -1 ? value.slice(0, colon) : value;
  }
  return name.endsWith(".") ? name.slice(0, -1) : name;
}

/**
 * A check of the `Host` header against DNS rebinding (as Vite's and Jupyter's servers do): a page on
 * `evil.example` whose name is re-pointed at 127.0.0.1 sends `Host: evil.example`, which is refused, so it
 * cannot read the runs through the victim's browser. Accepted: `localhost` and `*.localhost`, any IP
 * literal (`127.0.0.1`, `[::1]`, a LAN address: a rebinding page cannot use those as its own origin), the
 * bound host name and `allowedHosts`; any port.
 * @returns whether a `Host` header value is accepted.
 */
export function createHostCheck(options: HostCheckOptions = {}): (hostHeader: string | undefined) => boolean {
  if (options.allowedHosts === true) return () => true;
  const exact = new Set<string>(["localhost"]);
  const suffixes: string[] = [".localhost"];
  for (const raw of [options.boundHost ?? "", ...(options.allowedHosts ?? [])]) {
    const name = raw.trim().toLowerCase();
    if (name === "") continue;
    if (name.startsWith(".")) {
      suffixes.push(name);
      exact.add(name.slice(1));
    } else exact.add(hostnameOf(name));
  }
  return (hostHeader) => {
    if (hostHeader === undefined || hostHeader.trim() === "") return false;
    const name = hostnameOf(hostHeader);
    return isIP(name) !== 0 || exact.has(name) || suffixes.some((s) => name.endsWith(s));
  };
}

/**
 * A request guard: answers 403 (JSON `{ error: { code: "HOST_NOT_ALLOWED" } }`) when the `Host` header is
 * refused by {@link createHostCheck} and returns true (handled); returns false to let the request through.
 */
export function createHostGuard(
  options: HostCheckOptions = {},
): (req: IncomingMessage, res: ServerResponse) => boolean {
  const accepts = createHostCheck(options);
  return (req, res) => {
    const host = req.headers.host;
    if (accepts(host)) return false;
    const shown = host === undefined ? "(no Host header)" : JSON.stringify(host);
    sendError(
      res,
      403,
      "HOST_NOT_ALLOWED",
      `Blocked request: host ${shown} is not allowed (protection against DNS rebinding). Use localhost or an IP address, or start the server with --allowed-host <name>.`,
    );
    return true;
  };
}

// The organisers' console without React: who is signed in with which staff role (the access
// token's claims, see docs/identity.md), which assemblies they act in, and the console's
// addresses. The token is not checked here (the services check it on every call); this only
// decides what to show.
import type { components as Membership } from "../api/generated/membership";

export type Assembly = Membership["schemas"]["Assembly"];

export const STAFF_ROLES = [
  "secretariat",
  "city-service",
  "council-clerk",
  "facilitator",
  "auditor",
  "elected-representative",
] as const;
export type Role = (typeof STAFF_ROLES)[number];

export interface Staff {
  roles: Role[];
  department?: string;
  assemblies: string[]; // "*": every assembly
  workshops: string[];
}

function claimsOf(accessToken: string | undefined): Record<string, unknown> | undefined {
  const payload = accessToken?.split(".")[1];
  if (!payload) return undefined;
  try {
    return JSON.parse(atob(payload.replace(/-/g, "+").replace(/_/g, "/"))) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

// The staff roles and limits of an access token; undefined when it carries no staff role.
export function staffOf(accessToken: string | undefined): Staff | undefined {
  const claims = claimsOf(accessToken);
  if (!claims) return undefined;
  const roles = strings(claims.roles).filter((r): r is Role => (STAFF_ROLES as readonly string[]).includes(r));
  if (roles.length === 0) return undefined;
  const department = typeof claims.department === "string" && claims.department ? claims.department : undefined;
  return { roles, department, assemblies: strings(claims.assemblies), workshops: strings(claims.workshops) };
}

export const hasRole = (staff: Staff, roles: readonly Role[]) => staff.roles.some((r) => roles.includes(r));

export const actsIn = (staff: Staff, assembly: string) =>
  staff.assemblies.includes("*") || staff.assemblies.includes(assembly);

// The console's addresses: /console (the assemblies), /console/<assembly> (one assembly's
// overview), /console/<assembly>/<section>/<rest...> (a section and its own sub-pages).
export const CONSOLE_BASE = "/console";

export interface ConsoleWhere {
  assembly?: string;
  section?: string;
  rest: string[];
}

export function splitConsolePath(path: string): ConsoleWhere | undefined {
  if (path !== CONSOLE_BASE && !path.startsWith(`${CONSOLE_BASE}/`)) return undefined;
  const parts = path
    .slice(CONSOLE_BASE.length)
    .split("/")
    .filter(Boolean)
    .map((p) => {
      try {
        return decodeURIComponent(p);
      } catch {
        return p;
      }
    });
  return { assembly: parts[0], section: parts[1], rest: parts.slice(2) };
}

export const consolePath = (assembly?: string, section?: string, ...rest: string[]) =>
  [CONSOLE_BASE, assembly, section, ...rest]
    .filter((p): p is string => p !== undefined && p !== "")
    .map((p, i) => (i === 0 ? p : encodeURIComponent(p)))
    .join("/");

// The members' reads the console makes, through membership's public API with the signed-in
// person's token: the whole list of an assembly (membership's pages of 500, followed by their
// cursor), with the service's status filter, beside the participation figures.
import { api } from "../../api/client";
import { attendanceByMember, type Member, rowsOf, type Row, type Status } from "./model";

export async function loadMembers(assemblyId: string, status?: Status): Promise<Member[]> {
  const out: Member[] = [];
  let cursor: string | undefined;
  for (;;) {
    const { data, error } = await api.membership.GET("/v1/members", {
      params: { query: { assembly_id: assemblyId, limit: 500, ...(status ? { status } : {}), ...(cursor ? { cursor } : {}) } },
    });
    if (!data) throw new Error(error?.detail ?? "members");
    out.push(...(data.items ?? []));
    if (!data.next_cursor) return out;
    cursor = data.next_cursor;
  }
}

export async function loadParticipation(assemblyId: string) {
  const { data, error } = await api.membership.GET("/v1/assemblies/{id}/participation", {
    params: { path: { id: assemblyId } },
  });
  if (!data) throw new Error(error?.detail ?? "participation");
  return data;
}

export async function loadRows(assemblyId: string, status?: Status): Promise<Row[]> {
  const [members, participation] = await Promise.all([loadMembers(assemblyId, status), loadParticipation(assemblyId)]);
  return rowsOf(members, attendanceByMember(participation.items));
}

// The export as membership writes it (GET /v1/assemblies/{id}/members.csv, on its audit trail),
// saved by the browser under the name the service gives.
export async function downloadMembersCsv(assemblyId: string): Promise<number> {
  const { data, response } = await api.membership.GET("/v1/assemblies/{id}/members.csv", {
    params: { path: { id: assemblyId } },
    parseAs: "text",
  });
  if (data === undefined || !response.ok) throw new Error(String(response.status));
  const text = data as unknown as string;
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = `membres-${assemblyId}.csv`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
  return Math.max(0, text.trim().split("\n").length - 1);
}

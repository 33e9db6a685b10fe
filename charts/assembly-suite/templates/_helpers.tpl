{{/* Names and labels of the suite's own resources (the services' come from assembly-lib). */}}
{{- define "assembly-suite.fullname" -}}
{{- .Release.Name | trunc 50 | trimSuffix "-" -}}
{{- end -}}

{{- define "assembly-suite.selectorLabels" -}}
app.kubernetes.io/name: {{ .ctx.Chart.Name }}
app.kubernetes.io/instance: {{ .ctx.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "assembly-suite.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .ctx.Chart.Name .ctx.Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "assembly-suite.selectorLabels" . }}
app.kubernetes.io/version: {{ .ctx.Chart.AppVersion | quote }}
app.kubernetes.io/part-of: assembly-suite
app.kubernetes.io/managed-by: {{ .ctx.Release.Service }}
{{- end -}}

{{/* A value as text; a whole number stays whole (YAML numbers reach templates as float64). */}}
{{- define "assembly-suite.scalar" -}}
{{- if and (kindIs "float64" .) (eq . (floor .)) }}{{ int64 . }}{{ else }}{{ . }}{{ end -}}
{{- end -}}

{{/*
The realm the chart applies (keycloak.realm.json, else files/keycloak/realm-assembly.json), as
JSON, without what must never leave the repository for a cluster: clients' secrets (Keycloak
generates them), user accounts (members' are created by membership, staff's by the city) and
credentials. Kept: the service accounts' users (serviceAccountClientId), which carry their
clients' roles (membership-provisioner's manage-users). The issuer must name this realm.
*/}}
{{- define "assembly-suite.realm" -}}
{{- $text := .Values.keycloak.realm.json | default (.Files.Get "files/keycloak/realm-assembly.json") -}}
{{- if not $text }}{{ fail "no realm: files/keycloak/realm-assembly.json is missing and keycloak.realm.json is empty" }}{{ end -}}
{{- $realm := fromJson $text -}}
{{- if hasKey $realm "Error" }}{{ fail (printf "the realm is not valid JSON: %s" $realm.Error) }}{{ end -}}
{{- if not $realm.realm }}{{ fail "the realm JSON has no `realm` (its name)" }}{{ end -}}
{{- $issuer := .Values.global.auth.issuer | default "" -}}
{{- if not (hasSuffix (printf "/realms/%s" $realm.realm) $issuer) -}}
{{- fail (printf "global.auth.issuer (%s) must be the issuer of the realm applied, .../realms/%s" $issuer $realm.realm) -}}
{{- end -}}
{{- $clients := list -}}
{{- range $realm.clients | default list }}{{ $clients = append $clients (omit . "secret") }}{{ end -}}
{{- $users := list -}}
{{- range $realm.users | default list }}
{{- if .serviceAccountClientId }}{{ $users = append $users (omit . "credentials") }}{{ end -}}
{{- end -}}
{{- $out := omit $realm "clients" "users" -}}
{{- if $clients }}{{ $_ := set $out "clients" $clients }}{{ end -}}
{{- if $users }}{{ $_ := set $out "users" $users }}{{ end -}}
{{- toJson $out -}}
{{- end -}}

{{/* Keycloak's base URL for the realm Job: keycloak.job.url, else the issuer's. */}}
{{- define "assembly-suite.keycloakUrl" -}}
{{- $issuer := .Values.global.auth.issuer | default "" -}}
{{- .Values.keycloak.job.url | default (regexReplaceAll "/realms/[^/]+$" $issuer "") | trimSuffix "/" -}}
{{- end -}}

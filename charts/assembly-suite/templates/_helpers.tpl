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
JSON, made for a city's Keycloak out of the local stack's realm:
- left out: the local stack's own clients (client attribute `assembly.local-only: "true"`) and
  their service accounts' users; clients' secrets (Keycloak generates them); user accounts
  (members' are created by membership, staff's by the city) and credentials. Kept: the other
  service accounts' users (serviceAccountClientId), which carry their clients' roles
  (membership-provisioner's manage-users);
- the web front end (the client whose URIs hold `@WEB_PORT@`): its redirect URIs, root URL
  and post-logout redirect URIs from keycloak.realm.webUrl, its web origins from its origin;
- smtpServer from keycloak.realm.smtp, left out when its host is empty (Keycloak's own setting
  stays);
- the declarative user profile, an object in the file, as the JSON string Keycloak stores.
No `@NAME@` placeholder may be left. The issuer must name this realm.
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
{{- $cfg := .Values.keycloak.realm -}}
{{- $web := $cfg.webUrl | default "" | trimSuffix "/" -}}
{{- if not (regexMatch "^https://[^\\s/?#]+(/[^\\s?#]*)?$" $web) -}}
{{- fail "keycloak.realm.webUrl is required with keycloak.realm.apply job or operator: the web front end's public URL (https://host[/path]), for the web client's redirect URIs and web origins" -}}
{{- end -}}
{{- $clients := list -}}
{{- $localOnly := list -}}
{{- range $realm.clients | default list -}}
{{- $attrs := .attributes | default dict -}}
{{- if eq (toString (get $attrs "assembly.local-only")) "true" -}}
{{- $localOnly = append $localOnly .clientId -}}
{{- else -}}
{{- $c := omit . "secret" -}}
{{- if contains "@WEB_PORT@" (toJson (pick $c "rootUrl" "redirectUris" "webOrigins")) -}}
{{- $_ := set $c "redirectUris" (list (printf "%s/*" $web)) -}}
{{- $_ = set $c "webOrigins" (list (regexReplaceAll "^(https://[^/]+).*$" $web "${1}")) -}}
{{- if hasKey $c "rootUrl" }}{{ $_ = set $c "rootUrl" $web }}{{ end -}}
{{- if hasKey $attrs "post.logout.redirect.uris" -}}
{{- $_ = set $c "attributes" (merge (dict "post.logout.redirect.uris" (printf "%s/*" $web)) $attrs) -}}
{{- end -}}
{{- end -}}
{{- $clients = append $clients $c -}}
{{- end -}}
{{- end -}}
{{- $users := list -}}
{{- range $realm.users | default list }}
{{- if and .serviceAccountClientId (not (has .serviceAccountClientId $localOnly)) }}{{ $users = append $users (omit . "credentials") }}{{ end -}}
{{- end -}}
{{- $out := omit $realm "clients" "users" "smtpServer" -}}
{{- if $clients }}{{ $_ := set $out "clients" $clients }}{{ end -}}
{{- if $users }}{{ $_ := set $out "users" $users }}{{ end -}}
{{- with $cfg.smtp }}{{ if .host -}}
{{- $smtp := dict "host" .host "port" (toString .port) "from" (required "keycloak.realm.smtp.from is required with keycloak.realm.smtp.host" .from) "ssl" (toString .ssl) "starttls" (toString .starttls) "auth" "false" -}}
{{- $name := .fromDisplayName | default (dig "smtpServer" "fromDisplayName" "" $realm) -}}
{{- if $name }}{{ $_ := set $smtp "fromDisplayName" $name }}{{ end -}}
{{- if .replyTo }}{{ $_ := set $smtp "replyTo" .replyTo }}{{ end -}}
{{- if .user -}}
{{- $_ := set $smtp "auth" "true" -}}
{{- $_ = set $smtp "user" .user -}}
{{- $_ = set $smtp "password" (required "keycloak.realm.smtp.password (a vault expression, ${vault.<key>}) is required with keycloak.realm.smtp.user" .password) -}}
{{- end -}}
{{- $_ := set $out "smtpServer" $smtp -}}
{{- end }}{{ end -}}
{{- $components := $realm.components | default dict -}}
{{- $profileKey := "org.keycloak.userprofile.UserProfileProvider" -}}
{{- if hasKey $components $profileKey -}}
{{- $profiles := list -}}
{{- range get $components $profileKey -}}
{{- $p := . -}}
{{- $conf := .config | default dict -}}
{{- $v := get $conf "kc.user.profile.config" -}}
{{- if and $v (kindIs "map" (first $v)) -}}
{{- $p = merge (dict "config" (merge (dict "kc.user.profile.config" (list (toJson (first $v)))) $conf)) . -}}
{{- end -}}
{{- $profiles = append $profiles $p -}}
{{- end -}}
{{- $_ := set $out "components" (merge (dict $profileKey $profiles) $components) -}}
{{- end -}}
{{- $json := toJson $out -}}
{{- with regexFind "@[A-Z_]+@" $json }}{{ fail (printf "the realm applied still holds the placeholder %s (local stack only): give its value or leave it out" .) }}{{ end -}}
{{- $json -}}
{{- end -}}

{{/* Keycloak's base URL for the realm Job: keycloak.job.url, else the issuer's. */}}
{{- define "assembly-suite.keycloakUrl" -}}
{{- $issuer := .Values.global.auth.issuer | default "" -}}
{{- .Values.keycloak.job.url | default (regexReplaceAll "/realms/[^/]+$" $issuer "") | trimSuffix "/" -}}
{{- end -}}

{{/*
The Service name of a service chart of the suite (dict "ctx" $ "svc" NAME), as assembly-lib names
it: its fullnameOverride, else <release>-<nameOverride or NAME> (the release alone when it already
contains that name).
*/}}
{{- define "assembly-suite.serviceName" -}}
{{- $v := index .ctx.Values .svc | default dict -}}
{{- if $v.fullnameOverride -}}
{{- $v.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .svc $v.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- if contains $name .ctx.Release.Name -}}
{{- .ctx.Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .ctx.Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/*
The security headers of the site and the APIs (files/gateway/security-headers.txt, the list the
local stack's gateway sends too), and Strict-Transport-Security when ingress.hsts: a list of
{name, value}.
*/}}
{{- define "assembly-suite.securityHeaders" -}}
{{- $out := list -}}
{{- range splitList "\n" (.Files.Get "files/gateway/security-headers.txt") -}}
{{- if and (trim .) (not (hasPrefix "#" .)) -}}
{{- $parts := splitn ":" 2 . -}}
{{- $out = append $out (dict "name" (trim $parts._0) "value" (trim $parts._1)) -}}
{{- end -}}
{{- end -}}
{{- if .Values.ingress.hsts -}}
{{- $out = append $out (dict "name" "Strict-Transport-Security" "value" "max-age=31536000; includeSubDomains") -}}
{{- end -}}
{{- toJson $out -}}
{{- end -}}

{{/*
The public site's pages each service renders (docs/site.md), as JSON: the path, whether it is
matched exactly (else as a prefix, segment by segment) and the service. The same table as the
local gateway's (ops/gateway/nginx.conf.template; ops/check-charts compares them).
*/}}
{{- define "assembly-suite.sitePages" -}}
[{"path": "/", "exact": true, "svc": "membership"},
 {"path": "/en/", "exact": true, "svc": "membership"},
 {"path": "/assemblee", "svc": "membership"},
 {"path": "/en/assembly", "svc": "membership"},
 {"path": "/tirages", "svc": "sortition"},
 {"path": "/en/draws", "svc": "sortition"},
 {"path": "/ateliers", "svc": "workshops"},
 {"path": "/en/workshops", "svc": "workshops"},
 {"path": "/voeux", "svc": "recommendations"},
 {"path": "/en/motions", "svc": "recommendations"},
 {"path": "/transparence", "svc": "followup"},
 {"path": "/en/transparency", "svc": "followup"},
 {"path": "/transparency", "svc": "followup"},
 {"path": "/open-data", "svc": "followup"}]
{{- end -}}

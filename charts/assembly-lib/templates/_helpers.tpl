{{/*
Names, labels, image and the service's configuration, shared by every template of the library.
Every template takes the service chart's root context (.), except the label helpers, which take
(dict "ctx" . "component" "server"|"migration").
*/}}

{{/* The service's name: the chart's name (sortition, membership, ...) unless nameOverride. */}}
{{- define "assembly-lib.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Resource names: <release>-<name>, or the release name when it already contains the name. */}}
{{- define "assembly-lib.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := include "assembly-lib.name" . -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* The version label: the image tag when one is set, else the chart's appVersion. */}}
{{- define "assembly-lib.version" -}}
{{- .Values.image.tag | default .Values.global.imageTag | default .Chart.AppVersion | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "assembly-lib.selectorLabels" -}}
app.kubernetes.io/name: {{ include "assembly-lib.name" .ctx }}
app.kubernetes.io/instance: {{ .ctx.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "assembly-lib.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .ctx.Chart.Name .ctx.Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "assembly-lib.selectorLabels" . }}
app.kubernetes.io/version: {{ include "assembly-lib.version" .ctx | quote }}
app.kubernetes.io/part-of: assembly-suite
app.kubernetes.io/managed-by: {{ .ctx.Release.Service }}
{{- end -}}

{{/* Selects every pod of this service in this release: the server's and the migration Job's. */}}
{{- define "assembly-lib.instanceSelector" -}}
app.kubernetes.io/name: {{ include "assembly-lib.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "assembly-lib.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- .Values.serviceAccount.name | default (include "assembly-lib.fullname" .) -}}
{{- else -}}
{{- .Values.serviceAccount.name | default "default" -}}
{{- end -}}
{{- end -}}

{{- define "assembly-lib.image" -}}
{{- $repo := .Values.image.repository -}}
{{- with .Values.global.imageRegistry }}{{ $repo = printf "%s/%s" (trimSuffix "/" .) $repo }}{{ end -}}
{{- if .Values.image.digest -}}
{{- printf "%s@%s" $repo .Values.image.digest -}}
{{- else -}}
{{- printf "%s:%s" $repo (.Values.image.tag | default .Values.global.imageTag | default .Chart.AppVersion) -}}
{{- end -}}
{{- end -}}

{{/* A value as text; a whole number stays whole (YAML numbers reach templates as float64). */}}
{{- define "assembly-lib.scalar" -}}
{{- if and (kindIs "float64" .) (eq . (floor .)) }}{{ int64 . }}{{ else }}{{ . }}{{ end -}}
{{- end -}}

{{/* The services that seal personal data (recommendations: the secret votes held until a ballot
    closes) and so need PII_KEY_FILE. */}}
{{- define "assembly-lib.needsPii" -}}
{{- if has .Chart.Name (list "sortition" "membership" "workshops" "recommendations" "notifications") }}true{{ end -}}
{{- end -}}

{{- define "assembly-lib.kafkaSasl" -}}
{{- if hasPrefix "sasl_" .Values.global.kafka.securityProtocol }}true{{ end -}}
{{- end -}}

{{/* Mutual TLS: the service's KafkaUser authenticates with its certificate (Strimzi's Secret of
    the user's name: user.crt, user.key), over ssl only. */}}
{{- define "assembly-lib.kafkaMtls" -}}
{{- $k := .Values.global.kafka -}}
{{- if and $k.user.create (eq $k.user.authentication "tls") }}
{{- if ne $k.securityProtocol "ssl" }}
{{- fail (printf "global.kafka.user.authentication tls needs global.kafka.securityProtocol ssl, not %s" $k.securityProtocol) }}
{{- end -}}
true
{{- end -}}
{{- end -}}

{{/* PostgreSQL over TLS with the server's certificate and name checked: a CA given. */}}
{{- define "assembly-lib.pgCa" -}}
{{- $tls := .Values.database.tls -}}
{{- if or $tls.caSecret.name $tls.caConfigMap.name }}true{{ end -}}
{{- end -}}

{{- define "assembly-lib.kafkaCa" -}}
{{- $tls := .Values.global.kafka.tls -}}
{{- if and (hasSuffix "ssl" .Values.global.kafka.securityProtocol) (or $tls.caSecret.name $tls.caConfigMap.name) }}true{{ end -}}
{{- end -}}

{{/*
Token verification against the identity provider (OpenID Connect): the issuer, whose discovery
document gives the key set (JWKS) unless global.auth.jwksUri names it; no key is mounted. The
accepted audience is the service's own name unless auth.audience says otherwise.
*/}}
{{- define "assembly-lib.authData" -}}
{{- $a := .Values.global.auth -}}
{{- $issuer := required "global.auth.issuer is required: the OpenID Connect issuer (e.g. https://auth.example.org/realms/assembly)" $a.issuer -}}
{{- if not $a.allowInsecureIssuer -}}
{{- if not (hasPrefix "https://" $issuer) }}{{ fail "global.auth.issuer must be an https:// URL (global.auth.allowInsecureIssuer: true allows http:// on a test cluster)" }}{{ end -}}
{{- if and $a.jwksUri (not (hasPrefix "https://" $a.jwksUri)) }}{{ fail "global.auth.jwksUri must be an https:// URL (global.auth.allowInsecureIssuer: true allows http:// on a test cluster)" }}{{ end -}}
{{- end }}
OIDC_ISSUER: {{ $issuer | quote }}
JWT_AUDIENCE: {{ (.Values.auth).audience | default .Chart.Name | quote }}
{{- with $a.jwksUri }}
OIDC_JWKS_URI: {{ . | quote }}
{{- end }}
{{- with $a.maxTokenAgeSeconds }}
JWT_MAX_TOKEN_AGE_SECONDS: {{ include "assembly-lib.scalar" . | quote }}
{{- end }}
{{- with $a.jwksRefreshSeconds }}
JWKS_MIN_REFRESH_SECONDS: {{ include "assembly-lib.scalar" . | quote }}
{{- end }}
{{- with include "assembly-lib.provisioner" . | fromYaml }}
KEYCLOAK_ADMIN_URL: {{ .adminUrl | quote }}
KEYCLOAK_REALM: {{ .realm | quote }}
KEYCLOAK_CLIENT_ID: {{ .clientId | quote }}
KEYCLOAK_CLIENT_SECRET_FILE: "/etc/assembly/keycloak/client-secret"
{{- end }}
{{- with include "assembly-lib.sender" . | fromYaml }}
OIDC_TOKEN_URL: {{ .tokenUrl | quote }}
NOTIFY_CLIENT_ID: {{ .clientId | quote }}
NOTIFY_CLIENT_SECRET_FILE: "/etc/assembly/notify/client-secret"
{{- end }}
{{- end -}}

{{/*
The confidential client whose client-credentials token a service presents to the others
(notifications reads the members' delivery details from membership as notifications-sender), as
YAML (tokenUrl, clientId, existingSecret, secretKey), or nothing for a service without
identity.sender or with it disabled. The token endpoint defaults to the issuer's:
<issuer>/protocol/openid-connect/token.
*/}}
{{- define "assembly-lib.sender" -}}
{{- $p := (.Values.identity).sender -}}
{{- if and $p $p.enabled -}}
{{- $issuer := .Values.global.auth.issuer | default "" | trimSuffix "/" }}
tokenUrl: {{ $p.tokenUrl | default (printf "%s/protocol/openid-connect/token" $issuer) | quote }}
clientId: {{ $p.clientId | quote }}
existingSecret: {{ required "identity.sender.existingSecret is required: a Secret holding the notifications-sender client's secret" $p.existingSecret | quote }}
secretKey: {{ $p.secretKey | quote }}
{{- end -}}
{{- end -}}

{{/*
The outgoing mail server of a service that sends e-mail (notifications: mail), as SMTP_* and
MAIL_FROM; the password and the CA certificate are mounted from their Secret (or ConfigMap).
*/}}
{{- define "assembly-lib.mailData" -}}
{{- with .Values.mail }}
SMTP_HOST: {{ required "mail.host is required: the SMTP server the messages are sent through" .host | quote }}
SMTP_PORT: {{ include "assembly-lib.scalar" .port | quote }}
SMTP_TLS: {{ .tls | quote }}
{{- with .username }}
SMTP_USERNAME: {{ . | quote }}
{{- end }}
{{- if .existingSecret }}
SMTP_PASSWORD_FILE: "/etc/assembly/smtp/password"
{{- end }}
{{- if include "assembly-lib.mailCa" $ }}
SMTP_CA_FILE: "/etc/assembly/smtp-ca/ca.crt"
{{- end }}
MAIL_FROM: {{ required "mail.from is required: the messages' sender, e.g. Assemblée citoyenne <assemblee@city.example>" .from | quote }}
{{- end }}
{{- end -}}

{{- define "assembly-lib.mailCa" -}}
{{- with (.Values.mail).ca }}{{ if or .caSecret.name .caConfigMap.name }}true{{ end }}{{ end -}}
{{- end -}}

{{/*
The Keycloak client a service uses to call the admin API (membership creates members'
accounts), as YAML (adminUrl, realm, clientId, existingSecret, secretKey), or nothing for a
service without identity.provisioner or with it disabled. The admin URL and the realm default to
the issuer's: https://<host>[/<path>]/realms/<realm>.
*/}}
{{- define "assembly-lib.provisioner" -}}
{{- $p := (.Values.identity).provisioner -}}
{{- if and $p $p.enabled -}}
{{- $issuer := .Values.global.auth.issuer | default "" -}}
{{- $fromIssuer := regexFind "/realms/[^/]+$" $issuer -}}
{{- $adminUrl := $p.adminUrl | default (trimSuffix $fromIssuer $issuer) -}}
{{- $realm := $p.realm | default (trimPrefix "/realms/" $fromIssuer) -}}
{{- if not (and $adminUrl $realm) -}}
{{- fail "identity.provisioner: set adminUrl and realm, or a global.auth.issuer of the form https://<host>/realms/<realm>" -}}
{{- end }}
adminUrl: {{ $adminUrl | quote }}
realm: {{ $realm | quote }}
clientId: {{ $p.clientId | quote }}
existingSecret: {{ required "identity.provisioner.existingSecret is required: a Secret holding the membership-provisioner client's secret" $p.existingSecret | quote }}
secretKey: {{ $p.secretKey | quote }}
{{- end -}}
{{- end -}}

{{/*
The non-secret environment (the ConfigMap's data; the migration Job's env). Files from Secrets
are mounted under /etc/assembly; PG_CONNINFO comes from its Secret (assembly-lib.secretEnv).
*/}}
{{/* The port of GET /metrics, apart from the API (METRICS_PORT; the suite's convention). */}}
{{- define "assembly-lib.metricsPort" -}}9464{{- end -}}

{{- define "assembly-lib.configData" -}}
{{- $k := .Values.global.kafka -}}
SERVICE_NAME: {{ .Chart.Name | quote }}
HTTP_PORT: {{ .Values.http.port | quote }}
HTTP_THREADS: {{ .Values.http.threads | quote }}
METRICS_PORT: {{ include "assembly-lib.metricsPort" . | quote }}
PG_SCHEMA: {{ .Values.database.schema | default .Chart.Name | quote }}
PG_POOL_SIZE: {{ .Values.database.poolSize | quote }}
{{- if include "assembly-lib.pgCa" . }}
# libpq's defaults for the connection string: TLS, the server's certificate and host name checked.
PGSSLMODE: "verify-full"
PGSSLROOTCERT: "/etc/assembly/pg-ca/ca.crt"
{{- end }}
KAFKA_BROKERS: {{ required "global.kafka.brokers is required: the Kafka bootstrap servers (host:port,...)" $k.brokers | quote }}
KAFKA_SECURITY_PROTOCOL: {{ $k.securityProtocol | quote }}
{{- if include "assembly-lib.kafkaSasl" . }}
KAFKA_SASL_MECHANISM: {{ $k.sasl.mechanism | quote }}
{{- if $k.user.create }}
KAFKA_SASL_USERNAME: {{ include "assembly-lib.fullname" . | quote }}
{{- else }}
KAFKA_SASL_USERNAME: {{ required "global.kafka.sasl.username is required with a sasl_* securityProtocol" $k.sasl.username | quote }}
{{- end }}
KAFKA_SASL_PASSWORD_FILE: "/etc/assembly/kafka-sasl/password"
{{- end }}
{{- if include "assembly-lib.kafkaCa" . }}
KAFKA_SSL_CA_FILE: "/etc/assembly/kafka-ca/ca.crt"
{{- end }}
{{- if include "assembly-lib.kafkaMtls" . }}
KAFKA_SSL_CERTIFICATE_FILE: "/etc/assembly/kafka-client/user.crt"
KAFKA_SSL_KEY_FILE: "/etc/assembly/kafka-client/user.key"
{{- end }}
CONSUMER_GROUP: {{ .Values.kafka.consumerGroup | default .Chart.Name | quote }}
PUBLISH_TOPIC: {{ .Values.kafka.publishTopic | default (printf "assembly.%s.v1" .Chart.Name) | quote }}
DEAD_LETTER_TOPIC: {{ .Values.kafka.deadLetterTopic | quote }}
{{- include "assembly-lib.authData" . }}
{{- with .Values.global.trustedProxies }}
TRUSTED_PROXIES: {{ join "," . | quote }}
{{- end }}
{{- with .Values.global.objectStore }}
{{- if .endpoint }}
S3_ENDPOINT: {{ .endpoint | quote }}
S3_REGION: {{ .region | quote }}
S3_BUCKET: {{ .bucket | quote }}
S3_ACCESS_KEY: {{ required "global.objectStore.accessKey is required with an endpoint" .accessKey | quote }}
S3_SECRET_KEY_FILE: "/etc/assembly/s3/secret-key"
{{- end }}
{{- end }}
{{- if include "assembly-lib.needsPii" . }}
PII_KEY_FILE: "/etc/assembly/pii/pii.key"
{{- with .Values.pii.pseudonymSecretKey }}
PII_PSEUDONYM_KEY_FILE: "/etc/assembly/pii/pseudonym.key"
{{- end }}
{{- with .Values.pii.previousSecretKeys }}
{{- if not $.Values.pii.pseudonymSecretKey }}
{{- fail "pii.previousSecretKeys needs pii.pseudonymSecretKey: the pseudonyms must not change with the sealing key (docs/security.md)" }}
{{- end }}
{{- $files := list }}
{{- range $i, $k := . }}{{ $files = append $files (printf "/etc/assembly/pii/previous-%d.key" $i) }}{{ end }}
PII_PREVIOUS_KEY_FILES: {{ join "," $files | quote }}
{{- end }}
{{- end }}
LOG_LEVEL: {{ .Values.logLevel | quote }}
SHUTDOWN_GRACE_SECONDS: {{ .Values.shutdownGraceSeconds | quote }}
METRICS_REFRESH_SECONDS: {{ .Values.metricsRefreshSeconds | quote }}
PUBLIC_CACHE_TTL_MS: {{ .Values.publicCacheTtlMs | quote }}
{{- include "assembly-lib.mailData" . }}
{{- range $name, $value := .Values.env }}
{{- if not (and (has $name (list "MEMBERSHIP_URL" "SORTITION_URL")) (eq (toString $value) "")) }}
{{ $name }}: {{ include "assembly-lib.scalar" $value | quote }}
{{- end }}
{{- end }}
{{- if and (hasKey (.Values.env | default dict) "MEMBERSHIP_URL") (not .Values.env.MEMBERSHIP_URL) }}
{{- /* membership's Service in the same release, as the suite names it */}}
{{- $membership := ternary .Release.Name (printf "%s-membership" .Release.Name) (contains "membership" .Release.Name) | trunc 63 | trimSuffix "-" }}
MEMBERSHIP_URL: {{ printf "http://%s:8080" $membership | quote }}
{{- end }}
{{- if and (hasKey (.Values.env | default dict) "SORTITION_URL") (not .Values.env.SORTITION_URL) }}
{{- /* sortition's Service in the same release, as the suite names it */}}
{{- $sortition := ternary .Release.Name (printf "%s-sortition" .Release.Name) (contains "sortition" .Release.Name) | trunc 63 | trimSuffix "-" }}
SORTITION_URL: {{ printf "http://%s:8080" $sortition | quote }}
{{- end }}
{{- if and (hasKey (.Values.env | default dict) "SITE_URL") (not .Values.env.SITE_URL) }}
{{- fail "env.SITE_URL is required: the address people open (https://...), for the links in the messages" }}
{{- end }}
{{- end -}}

{{/* The environment taken from Secrets: only PG_CONNINFO (never a literal in values). */}}
{{- define "assembly-lib.secretEnv" -}}
- name: PG_CONNINFO
  valueFrom:
    secretKeyRef:
      name: {{ required "database.existingSecret is required: a Secret holding the service's libpq connection string" .Values.database.existingSecret }}
      key: {{ .Values.database.secretKey }}
{{- end -}}

{{/* Volumes: /tmp, and the files mounted from existing Secrets (or the CA's ConfigMap). */}}
{{- define "assembly-lib.volumes" -}}
{{- $k := .Values.global.kafka -}}
- name: tmp
  emptyDir:
    sizeLimit: {{ .Values.tmpSizeLimit }}
{{- with include "assembly-lib.provisioner" . | fromYaml }}
- name: keycloak-client
  secret:
    secretName: {{ .existingSecret }}
    defaultMode: 0440
    items:
      - key: {{ .secretKey }}
        path: client-secret
{{- end }}
{{- with include "assembly-lib.sender" . | fromYaml }}
- name: notify-client
  secret:
    secretName: {{ .existingSecret }}
    defaultMode: 0440
    items:
      - key: {{ .secretKey }}
        path: client-secret
{{- end }}
{{- with .Values.mail }}
{{- if .existingSecret }}
- name: smtp
  secret:
    secretName: {{ .existingSecret }}
    defaultMode: 0440
    items:
      - key: {{ .passwordKey }}
        path: password
{{- end }}
{{- end }}
{{- if include "assembly-lib.mailCa" . }}
{{- include "assembly-lib.caVolume" (dict "volume" "smtp-ca" "values" "mail.ca" "tls" .Values.mail.ca) }}
{{- end }}
{{- if include "assembly-lib.needsPii" . }}
- name: pii
  secret:
    secretName: {{ required "pii.existingSecret is required: a Secret holding the service's 32-byte PII key" .Values.pii.existingSecret }}
    defaultMode: 0440
    items:
      - key: {{ .Values.pii.secretKey }}
        path: pii.key
      {{- with .Values.pii.pseudonymSecretKey }}
      - key: {{ . }}
        path: pseudonym.key
      {{- end }}
      {{- range $i, $k := .Values.pii.previousSecretKeys }}
      - key: {{ $k }}
        path: {{ printf "previous-%d.key" $i }}
      {{- end }}
{{- end }}
{{- if include "assembly-lib.kafkaSasl" . }}
- name: kafka-sasl
  secret:
    {{- if $k.user.create }}
    secretName: {{ include "assembly-lib.fullname" . }}
    {{- else }}
    secretName: {{ required "global.kafka.sasl.existingSecret is required with a sasl_* securityProtocol" $k.sasl.existingSecret }}
    {{- end }}
    defaultMode: 0440
    items:
      - key: {{ $k.sasl.passwordKey }}
        path: password
{{- end }}
{{- if include "assembly-lib.kafkaMtls" . }}
- name: kafka-client
  secret:
    secretName: {{ include "assembly-lib.fullname" . }}
    defaultMode: 0440
    items:
      - key: user.crt
        path: user.crt
      - key: user.key
        path: user.key
{{- end }}
{{- if include "assembly-lib.kafkaCa" . }}
{{- include "assembly-lib.caVolume" (dict "volume" "kafka-ca" "values" "global.kafka.tls" "tls" $k.tls) }}
{{- end }}
{{- if include "assembly-lib.pgCa" . }}
{{- include "assembly-lib.caVolume" (dict "volume" "pg-ca" "values" "database.tls" "tls" .Values.database.tls) }}
{{- end }}
{{- with .Values.global.objectStore }}
{{- if .endpoint }}
- name: s3
  secret:
    secretName: {{ required "global.objectStore.existingSecret is required with an endpoint: a Secret holding the S3 secret key" .existingSecret }}
    defaultMode: 0440
    items:
      - key: {{ .secretKey }}
        path: secret-key
{{- end }}
{{- end }}
{{- end -}}

{{/* A CA certificate's volume (ca.crt) from a Secret or a ConfigMap:
(dict "volume" NAME "values" "where.in.values" "tls" (dict "caSecret" ... "caConfigMap" ...)). */}}
{{- define "assembly-lib.caVolume" -}}
{{- $tls := .tls -}}
{{- if and $tls.caSecret.name $tls.caConfigMap.name }}
{{- fail (printf "%s: set caSecret.name or caConfigMap.name, not both" .values) }}
{{- end }}
- name: {{ .volume }}
  {{- if $tls.caSecret.name }}
  secret:
    secretName: {{ $tls.caSecret.name }}
    defaultMode: 0440
    items:
      - key: {{ $tls.caSecret.key }}
        path: ca.crt
  {{- else }}
  configMap:
    name: {{ $tls.caConfigMap.name }}
    defaultMode: 0440
    items:
      - key: {{ $tls.caConfigMap.key }}
        path: ca.crt
  {{- end }}
{{- end -}}

{{- define "assembly-lib.volumeMounts" -}}
- name: tmp
  mountPath: /tmp
{{- if include "assembly-lib.provisioner" . }}
- name: keycloak-client
  mountPath: /etc/assembly/keycloak
  readOnly: true
{{- end }}
{{- if include "assembly-lib.sender" . }}
- name: notify-client
  mountPath: /etc/assembly/notify
  readOnly: true
{{- end }}
{{- if (.Values.mail).existingSecret }}
- name: smtp
  mountPath: /etc/assembly/smtp
  readOnly: true
{{- end }}
{{- if include "assembly-lib.mailCa" . }}
- name: smtp-ca
  mountPath: /etc/assembly/smtp-ca
  readOnly: true
{{- end }}
{{- if include "assembly-lib.needsPii" . }}
- name: pii
  mountPath: /etc/assembly/pii
  readOnly: true
{{- end }}
{{- if include "assembly-lib.kafkaSasl" . }}
- name: kafka-sasl
  mountPath: /etc/assembly/kafka-sasl
  readOnly: true
{{- end }}
{{- if include "assembly-lib.kafkaMtls" . }}
- name: kafka-client
  mountPath: /etc/assembly/kafka-client
  readOnly: true
{{- end }}
{{- if include "assembly-lib.kafkaCa" . }}
- name: kafka-ca
  mountPath: /etc/assembly/kafka-ca
  readOnly: true
{{- end }}
{{- if include "assembly-lib.pgCa" . }}
- name: pg-ca
  mountPath: /etc/assembly/pg-ca
  readOnly: true
{{- end }}
{{- if (.Values.global.objectStore).endpoint }}
- name: s3
  mountPath: /etc/assembly/s3
  readOnly: true
{{- end }}
{{- end -}}

{{/* Pod hardening: a fixed non-root user, no privilege, the runtime's seccomp profile. */}}
{{- define "assembly-lib.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 10001
runAsGroup: 10001
fsGroup: 10001
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "assembly-lib.containerSecurityContext" -}}
runAsNonRoot: true
runAsUser: 10001
runAsGroup: 10001
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
privileged: false
capabilities:
  drop: ["ALL"]
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/* What the server's and the migration Job's pod specs share. */}}
{{- define "assembly-lib.podCommon" -}}
automountServiceAccountToken: false
securityContext:
  {{- include "assembly-lib.podSecurityContext" . | nindent 2 }}
{{- with .Values.global.imagePullSecrets }}
imagePullSecrets:
  {{- range . }}
  - name: {{ . }}
  {{- end }}
{{- end }}
{{- with .Values.priorityClassName }}
priorityClassName: {{ . }}
{{- end }}
{{- with .Values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
volumes:
  {{- include "assembly-lib.volumes" . | nindent 2 }}
{{- end -}}

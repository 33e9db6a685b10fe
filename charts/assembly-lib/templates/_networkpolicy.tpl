{{/*
On by default, and a default deny for the service's pods (both policy types): only what is listed
passes. Ingress: the HTTP port from the namespace's own pods and any extra peers; the metrics port
only from the monitoring namespaces listed. Egress: DNS, PostgreSQL, Kafka, the identity provider (the issuer's
discovery document and key set; membership's calls to its admin API), for notifications its SMTP
server, membership's pods and sortition's pods, and extra rules. An egress
target without cidrs nor peers allows its ports to any destination.
*/}}
{{/* An egress rule: (dict "target" <dns|postgres|kafka|identity values> "protocols" (list "TCP" ...)). */}}
{{- define "assembly-lib.egressRule" -}}
{{- $protocols := .protocols -}}
ports:
  {{- range .target.ports }}
  {{- $port := . }}
  {{- range $protocols }}
  - port: {{ $port }}
    protocol: {{ . }}
  {{- end }}
  {{- end }}
{{- if or .target.cidrs .target.peers }}
to:
  {{- range .target.cidrs }}
  - ipBlock:
      cidr: {{ . }}
  {{- end }}
  {{- with .target.peers }}
  {{- toYaml . | nindent 2 }}
  {{- end }}
{{- end }}
{{- end -}}

{{- define "assembly-lib.networkpolicy" -}}
{{- with .Values.global.networkPolicy -}}
{{- if .enabled -}}
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ include "assembly-lib.fullname" $ }}
  labels:
    {{- include "assembly-lib.labels" (dict "ctx" $ "component" "server") | nindent 4 }}
spec:
  podSelector:
    matchLabels:
      {{- include "assembly-lib.instanceSelector" $ | nindent 6 }}
  policyTypes: [Ingress, Egress]
  {{- $in := .ingress }}
  {{- if or $in.sameNamespace $in.peers $in.namespaces }}
  ingress:
    {{- if or $in.sameNamespace $in.peers }}
    - ports:
        - port: http
          protocol: TCP
      from:
        {{- if $in.sameNamespace }}
        - podSelector: {}
        {{- end }}
        {{- with $in.peers }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    {{- end }}
    {{- if $in.namespaces }}
    # GET /metrics: from the monitoring namespaces only.
    - ports:
        - port: metrics
          protocol: TCP
      from:
        {{- range $in.namespaces }}
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: {{ . }}
        {{- end }}
    {{- end }}
  {{- else }}
  ingress: []
  {{- end }}
  egress:
    - {{- include "assembly-lib.egressRule" (dict "target" .egress.dns "protocols" (list "UDP" "TCP")) | nindent 6 }}
    - {{- include "assembly-lib.egressRule" (dict "target" .egress.postgres "protocols" (list "TCP")) | nindent 6 }}
    - {{- include "assembly-lib.egressRule" (dict "target" .egress.kafka "protocols" (list "TCP")) | nindent 6 }}
    - {{- include "assembly-lib.egressRule" (dict "target" .egress.identity "protocols" (list "TCP")) | nindent 6 }}
    {{- with $.Values.mail }}
    # The SMTP server the messages are sent through (mail.port; mail.egress narrows it).
    - {{- include "assembly-lib.egressRule" (dict "target" (dict "ports" (list .port) "cidrs" (.egress).cidrs "peers" (.egress).peers) "protocols" (list "TCP")) | nindent 6 }}
    {{- end }}
    {{- if include "assembly-lib.sender" $ }}
    # membership's API (the members' delivery details) and sortition's (the invitation draws'
    # mailing lists, for the letters), their pods' HTTP port, in this namespace.
    - ports:
        - port: http
          protocol: TCP
      to:
        - podSelector:
            matchLabels:
              app.kubernetes.io/name: membership
        - podSelector:
            matchLabels:
              app.kubernetes.io/name: sortition
    {{- end }}
    {{- with .egress.extra }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
{{- end -}}
{{- end -}}
{{- end -}}

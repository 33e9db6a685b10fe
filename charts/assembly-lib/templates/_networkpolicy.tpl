{{/*
Ingress: the HTTP port, from the namespace's own pods, from the namespaces listed (Prometheus's)
and from any extra peers. Egress: DNS, PostgreSQL, Kafka and extra rules. An egress target
without cidrs nor peers allows its ports to any destination.
*/}}
{{- define "assembly-lib.egressTo" -}}
{{- if or .cidrs .peers }}
to:
  {{- range .cidrs }}
  - ipBlock:
      cidr: {{ . }}
  {{- end }}
  {{- with .peers }}
  {{- toYaml . | nindent 2 }}
  {{- end }}
{{- end }}
ports:
  {{- range .ports }}
  - port: {{ . }}
    protocol: TCP
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
  {{- if or $in.sameNamespace $in.namespaces $in.peers }}
  ingress:
    - ports:
        - port: http
          protocol: TCP
      from:
        {{- if $in.sameNamespace }}
        - podSelector: {}
        {{- end }}
        {{- range $in.namespaces }}
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: {{ . }}
        {{- end }}
        {{- with $in.peers }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
  {{- else }}
  ingress: []
  {{- end }}
  egress:
    - {{- include "assembly-lib.egressTo" .egress.dns | nindent 6 }}
        {{- range .egress.dns.ports }}
        - port: {{ . }}
          protocol: UDP
        {{- end }}
    - {{- include "assembly-lib.egressTo" .egress.postgres | nindent 6 }}
    - {{- include "assembly-lib.egressTo" .egress.kafka | nindent 6 }}
    {{- with .egress.extra }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* Scraping of GET /metrics on the metrics port by the Prometheus Operator (needs its CRDs). */}}
{{- define "assembly-lib.servicemonitor" -}}
{{- with .Values.global.serviceMonitor -}}
{{- if .enabled -}}
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: {{ include "assembly-lib.fullname" $ }}
  labels:
    {{- include "assembly-lib.labels" (dict "ctx" $ "component" "server") | nindent 4 }}
    {{- with .labels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  selector:
    matchLabels:
      {{- include "assembly-lib.selectorLabels" (dict "ctx" $ "component" "server") | nindent 6 }}
  endpoints:
    - port: metrics
      path: /metrics
      interval: {{ .interval }}
      scrapeTimeout: {{ .scrapeTimeout }}
{{- end -}}
{{- end -}}
{{- end -}}

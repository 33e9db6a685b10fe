{{/* The service's non-secret environment; the Deployment's pods carry its checksum. */}}
{{- define "assembly-lib.configmap" -}}
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "assembly-lib.fullname" . }}
  labels:
    {{- include "assembly-lib.labels" (dict "ctx" . "component" "server") | nindent 4 }}
data:
  {{- include "assembly-lib.configData" . | nindent 2 }}
{{- end -}}

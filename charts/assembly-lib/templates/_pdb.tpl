{{- define "assembly-lib.pdb" -}}
{{- with .Values.podDisruptionBudget -}}
{{- if .enabled -}}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "assembly-lib.fullname" $ }}
  labels:
    {{- include "assembly-lib.labels" (dict "ctx" $ "component" "server") | nindent 4 }}
spec:
  selector:
    matchLabels:
      {{- include "assembly-lib.selectorLabels" (dict "ctx" $ "component" "server") | nindent 6 }}
  {{- if ne (toString .minAvailable) "" }}
  minAvailable: {{ .minAvailable }}
  {{- else if ne (toString .maxUnavailable) "" }}
  maxUnavailable: {{ .maxUnavailable }}
  {{- else }}
  {{- fail "podDisruptionBudget: set minAvailable or maxUnavailable" }}
  {{- end }}
{{- end -}}
{{- end -}}
{{- end -}}

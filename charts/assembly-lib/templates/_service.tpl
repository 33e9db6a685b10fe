{{- define "assembly-lib.service" -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "assembly-lib.fullname" . }}
  labels:
    {{- include "assembly-lib.labels" (dict "ctx" . "component" "server") | nindent 4 }}
  {{- with .Values.service.annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  type: {{ .Values.service.type }}
  selector:
    {{- include "assembly-lib.selectorLabels" (dict "ctx" . "component" "server") | nindent 4 }}
  ports:
    - name: http
      port: {{ .Values.service.port }}
      targetPort: http
      protocol: TCP
    - name: metrics
      port: {{ include "assembly-lib.metricsPort" . }}
      targetPort: metrics
      protocol: TCP
{{- end -}}

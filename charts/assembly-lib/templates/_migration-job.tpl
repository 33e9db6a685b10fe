{{/*
`<svc> --migrate` applies the schema's migrations and exits (0, or 1 when the database refused),
before the release's resources are installed or upgraded. It runs before the chart's
ServiceAccount and ConfigMap exist: its environment is inline and it runs under the namespace's
default ServiceAccount, unless serviceAccount.create is false and serviceAccount.name is set.
*/}}
{{- define "assembly-lib.migrationJob" -}}
{{- if .Values.migration.enabled -}}
apiVersion: batch/v1
kind: Job
metadata:
  name: {{ include "assembly-lib.fullname" . | trunc 55 | trimSuffix "-" }}-migrate
  labels:
    {{- include "assembly-lib.labels" (dict "ctx" . "component" "migration") | nindent 4 }}
  annotations:
    helm.sh/hook: pre-install,pre-upgrade
    helm.sh/hook-weight: "0"
    helm.sh/hook-delete-policy: before-hook-creation,hook-succeeded
spec:
  backoffLimit: {{ .Values.migration.backoffLimit }}
  activeDeadlineSeconds: {{ .Values.migration.activeDeadlineSeconds }}
  template:
    metadata:
      labels:
        {{- include "assembly-lib.labels" (dict "ctx" . "component" "migration") | nindent 8 }}
        {{- with .Values.podLabels }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      {{- with .Values.podAnnotations }}
      annotations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
    spec:
      restartPolicy: Never
      {{- if and (not .Values.serviceAccount.create) .Values.serviceAccount.name }}
      serviceAccountName: {{ .Values.serviceAccount.name }}
      {{- end }}
      {{- include "assembly-lib.podCommon" . | nindent 6 }}
      containers:
        - name: migrate
          image: {{ include "assembly-lib.image" . | quote }}
          imagePullPolicy: {{ .Values.image.pullPolicy }}
          args: ["--migrate"]
          securityContext:
            {{- include "assembly-lib.containerSecurityContext" . | nindent 12 }}
          env:
            {{- range $name, $value := fromYaml (include "assembly-lib.configData" .) }}
            - name: {{ $name }}
              value: {{ $value | toString | quote }}
            {{- end }}
            {{- include "assembly-lib.secretEnv" . | nindent 12 }}
          resources:
            {{- toYaml .Values.migration.resources | nindent 12 }}
          volumeMounts:
            {{- include "assembly-lib.volumeMounts" . | nindent 12 }}
{{- end -}}
{{- end -}}

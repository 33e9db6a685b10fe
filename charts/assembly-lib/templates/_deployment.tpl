{{- define "assembly-lib.deployment" -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "assembly-lib.fullname" . }}
  labels:
    {{- include "assembly-lib.labels" (dict "ctx" . "component" "server") | nindent 4 }}
spec:
  {{- if not .Values.autoscaling.enabled }}
  replicas: {{ .Values.replicaCount }}
  {{- end }}
  revisionHistoryLimit: 5
  selector:
    matchLabels:
      {{- include "assembly-lib.selectorLabels" (dict "ctx" . "component" "server") | nindent 6 }}
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: 0
  template:
    metadata:
      labels:
        {{- include "assembly-lib.labels" (dict "ctx" . "component" "server") | nindent 8 }}
        {{- with .Values.podLabels }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      annotations:
        checksum/config: {{ include "assembly-lib.configmap" . | sha256sum }}
        {{- with .Values.podAnnotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    spec:
      serviceAccountName: {{ include "assembly-lib.serviceAccountName" . }}
      {{- include "assembly-lib.podCommon" . | nindent 6 }}
      {{- with .Values.topologySpreadConstraints }}
      topologySpreadConstraints:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      # The service stops within SHUTDOWN_GRACE_SECONDS of SIGTERM.
      terminationGracePeriodSeconds: {{ .Values.terminationGracePeriodSeconds }}
      containers:
        - name: {{ .Chart.Name }}
          image: {{ include "assembly-lib.image" . | quote }}
          imagePullPolicy: {{ .Values.image.pullPolicy }}
          securityContext:
            {{- include "assembly-lib.containerSecurityContext" . | nindent 12 }}
          ports:
            - name: http
              containerPort: {{ .Values.http.port }}
              protocol: TCP
            # GET /metrics (METRICS_PORT), apart from the API.
            - name: metrics
              containerPort: {{ include "assembly-lib.metricsPort" . }}
              protocol: TCP
          envFrom:
            - configMapRef:
                name: {{ include "assembly-lib.fullname" . }}
          env:
            {{- include "assembly-lib.secretEnv" . | nindent 12 }}
          {{- with .Values.probes }}
          # The probes ask the metrics port, whose own thread slow API requests cannot starve.
          startupProbe:
            httpGet: {path: /healthz, port: metrics}
            {{- toYaml .startup | nindent 12 }}
          livenessProbe:
            httpGet: {path: /healthz, port: metrics}
            {{- toYaml .liveness | nindent 12 }}
          readinessProbe:
            httpGet: {path: /readyz, port: metrics}
            {{- toYaml .readiness | nindent 12 }}
          {{- end }}
          resources:
            {{- toYaml .Values.resources | nindent 12 }}
          volumeMounts:
            {{- include "assembly-lib.volumeMounts" . | nindent 12 }}
{{- end -}}

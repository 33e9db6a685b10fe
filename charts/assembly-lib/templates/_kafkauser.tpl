{{/*
The service's own Kafka principal as a Strimzi KafkaUser (global.kafka.user.create; needs
Strimzi's CRDs), authenticated as global.kafka.user.authentication says: scram-sha-512 (Strimzi's
User Operator writes its password into the Secret of the same name, which the pods mount as
KAFKA_SASL_PASSWORD_FILE) or tls (the operator issues a client certificate, CN=<user>, into that
Secret: user.crt and user.key mounted as KAFKA_SSL_CERTIFICATE_FILE, KAFKA_SSL_KEY_FILE). ACLs: write
its own topic and the dead-letter topic, read the topics it consumes (kafka.consumes: the
services whose topics its wiring subscribes to) in its own consumer group; nothing else.
docs/kafka-security.md.
*/}}
{{- define "assembly-lib.kafkauser" -}}
{{- with .Values.global.kafka.user -}}
{{- if .create -}}
{{- $own := $.Values.kafka.publishTopic | default (printf "assembly.%s.v1" $.Chart.Name) -}}
apiVersion: kafka.strimzi.io/v1beta2
kind: KafkaUser
metadata:
  name: {{ include "assembly-lib.fullname" $ }}
  labels:
    {{- include "assembly-lib.labels" (dict "ctx" $ "component" "server") | nindent 4 }}
    strimzi.io/cluster: {{ required "global.kafka.user.cluster is required: the Strimzi Kafka cluster's name" .cluster }}
spec:
  authentication:
    type: {{ .authentication | default "scram-sha-512" }}
  authorization:
    type: simple
    acls:
      {{- range (list $own $.Values.kafka.deadLetterTopic) }}
      - resource: {type: topic, name: {{ . | quote }}, patternType: literal}
        operations: [Write, Describe]
      {{- end }}
      {{- range $.Values.kafka.consumes }}
      - resource: {type: topic, name: {{ printf "assembly.%s.v1" . | quote }}, patternType: literal}
        operations: [Read, Describe]
      {{- end }}
      - resource: {type: group, name: {{ $.Values.kafka.consumerGroup | default $.Chart.Name | quote }}, patternType: literal}
        operations: [Read]
{{- end -}}
{{- end -}}
{{- end -}}

# shellcheck shell=bash
# Real Apache Kafka (KRaft: each node a broker and a controller in one JVM) from the Maven Central
# jars that ops/install puts in var/kafka/libs. KAFKA_NODES nodes (default 1; 3 for the cluster
# shape: topics with three replicas, min.insync.replicas=2, a quorum of three controllers; node i
# listens on KAFKA_PORT + 100*(i-1) and KAFKA_CONTROLLER_PORT + 100*(i-1), and on
# KAFKA_PROXIED_PORT + 100*(i-1) for clients that go through a proxy: that listener advertises the
# port after it, where the proxy listens, so that such a client reaches every broker through the
# proxy; KAFKA_PROXIED_BROKERS lists those advertised addresses). A change of
# KAFKA_NODES formats the nodes anew (the local data of the former shape is deleted).
#
# What Kafka 4.1 needs, checked here:
# - Static quorum (`controller.quorum.voters=1@127.0.0.1:<cport>` in
#   server.properties): `kafka.tools.StorageTool format -t <id> -c <file>` is
#   enough; --standalone / --initial-controllers are only for a dynamic quorum
#   (controller.quorum.bootstrap.servers) and are refused together with
#   controller.quorum.voters ("You cannot specify controller.quorum.voters and
#   format the node with --initial-controllers or --standalone").
# - The cluster id is 16 random bytes in unpadded base64url (22 characters),
#   what `StorageTool random-uuid` prints, made here without a JVM.
# - Kafka 4.1 logs through slf4j-api 1.7.36: the binding is log4j-slf4j-impl.
# - TopicCommand creates one topic per JVM (~2 s each), so topics are created
#   by a small Admin-client program (below), compiled once with the compiler
#   of the JRE's module image (java -m jdk.compiler/...: no JDK needed) and
#   run on a short classpath: one JVM for all of them, ~1.5 s a call.
#   TopicCommand works from the same jars too (kafka-tools, without Connect):
#     kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server ... \
#       --command-config <(kafka_java_client_conf admin) --describe
# - Clients authenticate with a certificate (mutual TLS) on the client listener, and the
#   StandardAuthorizer allows only what an ACL grants (docs/kafka-security.md). A local CA
#   (var/secrets/kafka-ca.*, made once) issues the broker's certificate (127.0.0.1, localhost) and
#   one per principal, CN=<principal>: admin (super user, for this file's tooling only), tester
#   (tests, kcat and benches through var/stack.env: every topic and group, nothing of the cluster)
#   and one per service. Files: var/secrets/kafka-<p>.crt and .key; librdkafka/kcat properties:
#   var/secrets/kafka-<p>.conf. No passwords: SASL is not used locally (SCRAM fails with
#   librdkafka before 2.6.1, Debian 12's is 2.0.2; PLAIN would put passwords on the wire).
# - The ACLs are derived from the services: each writes assembly.<svc>.v1 and the dead-letter
#   topic, reads the topics its wiring.cpp consumes (topic_of("...")) with the group <svc>. They
#   are applied (and stale ones of the suite's principals deleted) when that list changes.

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

KAFKA_HOME="$VAR/kafka"
KAFKA_LIBS="$KAFKA_HOME/libs"
KAFKA_CLUSTER_ID_FILE="$KAFKA_HOME/cluster.id"
KAFKA_SHAPE_FILE="$KAFKA_HOME/nodes"   # the KAFKA_NODES the data was formatted for
KAFKA_LOG4J="$OPS/kafka/log4j2.properties"
# The stack keeps the shape its data was formatted with unless KAFKA_NODES says otherwise.
: "${KAFKA_NODES:=$(cat "$KAFKA_SHAPE_FILE" 2>/dev/null || echo 1)}"
[[ "$KAFKA_NODES" =~ ^[1-9]$ ]] || die "KAFKA_NODES must be a number of nodes from 1 to 9, not '$KAFKA_NODES'"
# Node i's files: node 1 keeps the single broker's names (var/kafka/data, var/log/kafka.log,
# var/run/kafka.pid); the others are suffixed -i.
kafka_node_suffix() { (($1 == 1)) || printf -- '-%s' "$1"; }
kafka_node_port() { printf '%s\n' $((KAFKA_PORT + 100 * ($1 - 1))); }
kafka_node_controller_port() { printf '%s\n' $((KAFKA_CONTROLLER_PORT + 100 * ($1 - 1))); }
kafka_node_proxied_port() { printf '%s\n' $((KAFKA_PROXIED_PORT + 100 * ($1 - 1))); }
kafka_node_data() { printf '%s\n' "$KAFKA_HOME/data$(kafka_node_suffix "$1")"; }
kafka_node_conf() { printf '%s\n' "$KAFKA_HOME/server$(kafka_node_suffix "$1").properties"; }
kafka_node_log() { printf '%s\n' "$VAR/log/kafka$(kafka_node_suffix "$1").log"; }
kafka_node_pid() { printf '%s\n' "$VAR/run/kafka$(kafka_node_suffix "$1").pid"; }
KAFKA_REPLICAS=$((KAFKA_NODES < 3 ? KAFKA_NODES : 3))
KAFKA_MIN_ISR=$((KAFKA_REPLICAS > 1 ? KAFKA_REPLICAS - 1 : 1))
KAFKA_BROKERS="" KAFKA_PROXIED_BROKERS=""
for ((_n = 1; _n <= KAFKA_NODES; _n++)); do
  KAFKA_BROKERS+="${KAFKA_BROKERS:+,}127.0.0.1:$(kafka_node_port "$_n")"
  KAFKA_PROXIED_BROKERS+="${KAFKA_PROXIED_BROKERS:+,}127.0.0.1:$(($(kafka_node_proxied_port "$_n") + 1))"
done
unset _n
KAFKA_LOG="$(kafka_node_log 1)"   # where waits on the cluster point to
KAFKA_READY_TIMEOUT=60
KAFKA_STOP_GRACE=30
KAFKA_ACLS_APPLIED="$KAFKA_HOME/acls.applied"
KAFKA_DEAD_LETTER_TOPIC=assembly.deadletter.v1
# The principals of the local broker: the admin tooling's, the tests' and one per service.
KAFKA_PRINCIPALS=(admin tester "${SERVICES[@]}")
export KAFKA_BROKERS KAFKA_PROXIED_BROKERS KAFKA_NODES

kafka_ca_file()     { printf '%s\n' "$VAR/secrets/kafka-ca.crt"; }
kafka_cert_file()   { printf '%s\n' "$VAR/secrets/kafka-$1.crt"; }
kafka_key_file()    { printf '%s\n' "$VAR/secrets/kafka-$1.key"; }
kafka_client_conf() { printf '%s\n' "$VAR/secrets/kafka-$1.conf"; }
# A JVM's PEM key store (the private key, then the certificate): the broker's and admin's.
kafka_keystore_file() { printf '%s\n' "$VAR/secrets/kafka-$1.pem"; }

# _kafka_issue NAME EXTENSIONS: the key and certificate CN=NAME (kafka-NAME.key/.crt) signed by the
# local CA, issued again when missing, not the CA's or ending within a week.
_kafka_issue() {
  local name="$1" ext="$2" key crt ca cakey
  key="$(kafka_key_file "$name")"; crt="$(kafka_cert_file "$name")"
  ca="$(kafka_ca_file)"; cakey="$(kafka_key_file ca)"
  if [[ -s "$key" && -s "$crt" ]] && openssl verify -CAfile "$ca" "$crt" >/dev/null 2>&1 &&
      openssl x509 -in "$crt" -noout -checkend 604800 >/dev/null; then
    return 0
  fi
  log "kafka: issuing the certificate of $name"
  (umask 077
   openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$key.tmp" &&
   openssl req -new -key "$key.tmp" -subj "/CN=$name" \
     | openssl x509 -req -CA "$ca" -CAkey "$cakey" -set_serial "0x$(openssl rand -hex 16)" \
         -days 730 -extfile <(printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\n%s' "$ext") \
         -out "$crt.tmp" 2>/dev/null &&
   mv "$key.tmp" "$key" && mv "$crt.tmp" "$crt") || die "kafka: cannot issue the certificate of $name"
}

# _kafka_pki: the local CA (made once; 10 years), the broker's certificate and one client
# certificate per principal, their librdkafka properties (kcat -F, KCAT_CONFIG), and the JVMs'
# key stores. Keys are mode 600 in var/secrets (mode 700).
_kafka_pki() {
  ensure_var_dirs
  local ca cakey p conf tmp ks
  ca="$(kafka_ca_file)"; cakey="$(kafka_key_file ca)"
  if [[ ! -s "$ca" || ! -s "$cakey" ]] || ! openssl x509 -in "$ca" -noout -checkend 2592000 >/dev/null; then
    log "kafka: making the local CA"
    (umask 077
     openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$cakey" &&
     openssl req -x509 -new -key "$cakey" -subj "/CN=assembly local Kafka CA" -days 3650 \
       -out "$ca") || die "kafka: cannot make the local CA"
  fi
  _kafka_issue broker $'extendedKeyUsage=serverAuth,clientAuth\nsubjectAltName=IP:127.0.0.1,DNS:localhost\n'
  for p in "${KAFKA_PRINCIPALS[@]}"; do
    _kafka_issue "$p" $'extendedKeyUsage=clientAuth\n'
    conf="$(kafka_client_conf "$p")"; tmp="$conf.tmp"
    (umask 077; printf 'security.protocol=ssl\nssl.ca.location=%s\nssl.certificate.location=%s\nssl.key.location=%s\n' \
      "$ca" "$(kafka_cert_file "$p")" "$(kafka_key_file "$p")" >"$tmp")
    if cmp -s "$tmp" "$conf"; then rm -f "$tmp"; else mv "$tmp" "$conf"; fi
  done
  for p in broker admin; do
    ks="$(kafka_keystore_file "$p")"; tmp="$ks.tmp"
    (umask 077; cat "$(kafka_key_file "$p")" "$(kafka_cert_file "$p")" >"$tmp")
    if cmp -s "$tmp" "$ks"; then rm -f "$tmp"; else mv "$tmp" "$ks"; fi
  done
  # The passwords of the former SASL/PLAIN set-up are of no use any more.
  for p in "${KAFKA_PRINCIPALS[@]}"; do rm -f "$VAR/secrets/kafka-$p.password"; done
}

# kafka_consumed_topics SVC: the topics SVC consumes, from its wiring (topic_of("<svc>")).
kafka_consumed_topics() {
  grep -o 'topic_of("[a-z0-9_-]*")' "$ROOT/services/$1/wiring.cpp" \
    | sed 's/topic_of("\(.*\)")/assembly.\1.v1/' | sort -u
}

# kafka_acl_specs: the ACLs of the suite, "principal:RESOURCE_TYPE:PATTERN:name:OPERATION" a line.
kafka_acl_specs() {
  local svc t own
  for svc in "${SERVICES[@]}"; do
    own="assembly.$svc.v1"
    for t in "$own" "$KAFKA_DEAD_LETTER_TOPIC"; do
      printf '%s:TOPIC:LITERAL:%s:%s\n' "$svc" "$t" WRITE "$svc" "$t" DESCRIBE
    done
    while read -r t; do
      printf '%s:TOPIC:LITERAL:%s:%s\n' "$svc" "$t" READ "$svc" "$t" DESCRIBE
    done < <(kafka_consumed_topics "$svc")
    printf '%s:GROUP:LITERAL:%s:READ\n' "$svc" "$svc"
  done
  # The tests read and write every topic (they stand in for services), create and delete their
  # own, and use any consumer group; nothing on the cluster (no ACL or credential changes).
  printf 'tester:TOPIC:LITERAL:*:ALL\ntester:GROUP:LITERAL:*:ALL\n'
}

_kafka_check_libs() {
  compgen -G "$KAFKA_LIBS/kafka_2.13-*.jar" >/dev/null \
    || die "no Kafka jars in $KAFKA_LIBS: run ops/install"
}

# kafka_tool MAINCLASS ARGS...: a short-lived Kafka tool JVM on the full classpath.
kafka_tool() {
  java -Xms64m -Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
    -Dlog4j2.configurationFile="$KAFKA_LOG4J" -Dassembly.kafka.loglevel=WARN \
    -cp "$KAFKA_LIBS/*" "$@"
}

# _kafka_render_conf I: node I's server properties.
_kafka_render_conf() {
  local i="$1" conf tmp voters="" n
  conf="$(kafka_node_conf "$i")"; tmp="$conf.tmp"
  mkdir -p "$(kafka_node_data "$i")"
  for ((n = 1; n <= KAFKA_NODES; n++)); do
    voters+="${voters:+,}$n@127.0.0.1:$(kafka_node_controller_port "$n")"
  done
  (umask 077; sed -e "s|@KAFKA_PORT@|$(kafka_node_port "$i")|g" \
      -e "s|@KAFKA_CONTROLLER_PORT@|$(kafka_node_controller_port "$i")|g" \
      -e "s|@KAFKA_PROXIED_PORT@|$(kafka_node_proxied_port "$i")|g" \
      -e "s|@KAFKA_PROXIED_ADVERTISED_PORT@|$(($(kafka_node_proxied_port "$i") + 1))|g" \
      -e "s|@KAFKA_NODE_ID@|$i|g" \
      -e "s|@KAFKA_VOTERS@|$voters|g" \
      -e "s|@KAFKA_REPLICAS@|$KAFKA_REPLICAS|g" \
      -e "s|@KAFKA_MIN_ISR@|$KAFKA_MIN_ISR|g" \
      -e "s|@KAFKA_DATA@|$(kafka_node_data "$i")|g" \
      -e "s|@KAFKA_KEYSTORE@|$(kafka_keystore_file broker)|g" \
      -e "s|@KAFKA_CA@|$(kafka_ca_file)|g" \
      "$OPS/kafka/server.properties.in" >"$tmp")
  if cmp -s "$tmp" "$conf"; then rm -f "$tmp"; else mv "$tmp" "$conf"; fi
}

# _kafka_formatted_shape: the number of nodes the local data was formatted for (empty: none).
_kafka_formatted_shape() {
  if [[ -s "$KAFKA_SHAPE_FILE" ]]; then cat "$KAFKA_SHAPE_FILE"
  elif [[ -f "$(kafka_node_data 1)/meta.properties" ]]; then echo 1
  fi
}

# kafka_shape_changes: the local data is of another number of nodes than KAFKA_NODES.
kafka_shape_changes() {
  local had; had="$(_kafka_formatted_shape)"
  [[ -n "$had" && "$had" != "$KAFKA_NODES" ]]
}

# _kafka_shape: the nodes' data is of this KAFKA_NODES; formatted for another number of nodes,
# it is deleted (every node stopped first), to be formatted again.
_kafka_shape() {
  local had n
  had="$(_kafka_formatted_shape)"
  [[ "$had" == "$KAFKA_NODES" ]] && return 0
  if [[ -n "$had" ]]; then
    log "kafka: the local data is of $had node(s), KAFKA_NODES=$KAFKA_NODES: formatting anew"
    for ((n = 1; n <= 9; n++)); do
      [[ -s "$(kafka_node_pid "$n")" ]] && stop_pid "$(kafka_node_pid "$n")" "kafka node $n" "$KAFKA_STOP_GRACE"
      rm -rf "$(kafka_node_data "$n")"
    done
    rm -f "$KAFKA_ACLS_APPLIED"
  fi
  printf '%s\n' "$KAFKA_NODES" >"$KAFKA_SHAPE_FILE"
}

# _kafka_format I: node I's data directory formatted with the cluster's id (once; again after a
# disk loss).
_kafka_format() {
  local i="$1"
  [[ -f "$(kafka_node_data "$i")/meta.properties" ]] && return 0
  # An id starting with "-" would be read as an option by the storage tool: draw again.
  [[ -f "$KAFKA_CLUSTER_ID_FILE" && "$(<"$KAFKA_CLUSTER_ID_FILE")" == -* ]] && rm -f "$KAFKA_CLUSTER_ID_FILE"
  # shellcheck disable=SC2016  # expanded by that sh, not here
  new_secret "$KAFKA_CLUSTER_ID_FILE" \
    sh -c 'while :; do id=$(head -c 16 /dev/urandom | base64 | tr "+/" "-_" | tr -d "=\n"); case $id in -*) ;; *) printf %s "$id"; break ;; esac; done'
  log "kafka: formatting $(kafka_node_data "$i") (cluster id $(<"$KAFKA_CLUSTER_ID_FILE"))"
  kafka_tool kafka.tools.StorageTool format -t "$(<"$KAFKA_CLUSTER_ID_FILE")" \
      -c "$(kafka_node_conf "$i")" --ignore-formatted >>"$VAR/log/kafka-format.log" 2>&1 \
    || { tail -n 40 "$VAR/log/kafka-format.log" >&2; die "kafka: StorageTool format failed"; }
}

# _kafka_running [I]: node I runs (without I: every node).
_kafka_running() {
  local n
  if (($# == 1)); then pid_alive "$(kafka_node_pid "$1")" kafka.Kafka; return; fi
  for ((n = 1; n <= KAFKA_NODES; n++)); do pid_alive "$(kafka_node_pid "$n")" kafka.Kafka || return 1; done
}

# kafka_kcat ARGS...: kcat as the admin principal.
kafka_kcat() { kcat -F "$(kafka_client_conf admin)" -b "$KAFKA_BROKERS" "$@"; }

# _kafka_metadata_ok: the cluster answers and lists its KAFKA_NODES brokers.
_kafka_metadata_ok() {
  kafka_kcat -L -m 2 2>/dev/null | grep -q "^ *$KAFKA_NODES brokers:"
}

# kafka_topics: "name partitions" of each existing topic.
kafka_topics() {
  kafka_kcat -L -m 5 2>/dev/null \
    | sed -n 's/^ *topic "\([^"]*\)" with \([0-9]*\) partitions:.*/\1 \2/p'
}

# The Admin-client helper's source, written to var/kafka/ when it changed.
_kafka_admin_src() {
  local src="$KAFKA_HOME/SuiteAdmin.java" tmp="$KAFKA_HOME/SuiteAdmin.java.tmp"
  cat >"$tmp" <<'JAVA'
import java.util.*;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.*;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.acl.*;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.resource.*;

/**
 * SuiteAdmin BOOTSTRAP KEYSTORE CA ITEM...: with the certificate of KEYSTORE (PEM: key, then
 * certificate) over TLS (the broker's certificate checked against CA), creates the missing
 * topics (the brokers' default replication factor) and the ACLs, and deletes the ACLs of the managed principals that are
 * not listed. Items: topic=NAME:PARTITIONS, acl=PRINCIPAL:RESOURCE_TYPE:PATTERN:NAME:OPERATION,
 * principal=NAME (its ACLs are exactly the listed ones).
 */
public class SuiteAdmin {
  public static void main(String[] args) throws Exception {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
    p.put("security.protocol", "SSL");
    p.put("ssl.keystore.type", "PEM");
    p.put("ssl.keystore.location", args[1]);
    p.put("ssl.truststore.type", "PEM");
    p.put("ssl.truststore.location", args[2]);
    List<NewTopic> topics = new ArrayList<>();
    Set<AclBinding> acls = new LinkedHashSet<>();
    Set<String> managed = new HashSet<>();
    for (int i = 3; i < args.length; i++) {
      String item = args[i];
      if (item.startsWith("topic=")) {
        int c = item.lastIndexOf(':');
        topics.add(new NewTopic(item.substring(6, c),
            Optional.of(Integer.parseInt(item.substring(c + 1))), Optional.empty()));
      } else if (item.startsWith("acl=")) {
        String[] f = item.substring(4).split(":", 5);
        acls.add(new AclBinding(
            new ResourcePattern(ResourceType.fromString(f[1]), f[3], PatternType.fromString(f[2])),
            new AccessControlEntry("User:" + f[0], "*", AclOperation.fromString(f[4]),
                AclPermissionType.ALLOW)));
      } else if (item.startsWith("principal=")) {
        managed.add("User:" + item.substring(10));
      } else {
        throw new IllegalArgumentException("unknown item " + item);
      }
    }
    int failed = 0;
    try (Admin admin = Admin.create(p)) {
      if (!topics.isEmpty()) {
        for (Map.Entry<String, KafkaFuture<Void>> e : admin.createTopics(topics).values().entrySet()) {
          try {
            e.getValue().get();
            System.out.println("created topic " + e.getKey());
          } catch (ExecutionException ex) {
            if (ex.getCause() instanceof TopicExistsException) {
              System.out.println("topic exists " + e.getKey());
            } else {
              System.err.println("cannot create topic " + e.getKey() + ": " + ex.getCause());
              failed++;
            }
          }
        }
      }
      if (!acls.isEmpty()) {
        admin.createAcls(acls).all().get();
        List<AclBindingFilter> stale = new ArrayList<>();
        for (AclBinding b : admin.describeAcls(AclBindingFilter.ANY).values().get()) {
          if (managed.contains(b.entry().principal()) && !acls.contains(b)) {
            stale.add(b.toFilter());
          }
        }
        if (!stale.isEmpty()) admin.deleteAcls(stale).all().get();
        System.out.println("acls: " + acls.size() + " in place, " + stale.size() + " stale deleted");
      }
    }
    System.exit(failed == 0 ? 0 : 1);
  }
}
JAVA
  if cmp -s "$tmp" "$src"; then rm -f "$tmp"; else mv "$tmp" "$src"; fi
  printf '%s\n' "$src"
}

# _kafka_admin_cp: classpath of the compiled helper: the Kafka client and
# logging jars only (the full broker classpath costs a second more per JVM).
_kafka_admin_cp() {
  local cp="$KAFKA_HOME/classes" pat f
  for pat in kafka-clients slf4j-api log4j-api log4j-core log4j-slf4j-impl; do
    f="$(compgen -G "$KAFKA_LIBS/$pat-[0-9]*.jar" | head -n 1)"
    [[ -n "$f" ]] || die "kafka: no $pat jar in $KAFKA_LIBS: run ops/install"
    cp+=":$f"
  done
  printf '%s\n' "$cp"
}

# _kafka_admin_compile: compile the helper once (again when its source
# changes), with the compiler inside the JRE's module image (no JDK needed).
_kafka_admin_compile() {
  mkdir -p "$KAFKA_HOME"
  (
    flock 8   # tests may create topics concurrently
    src="$(_kafka_admin_src)"
    cls="$KAFKA_HOME/classes/SuiteAdmin.class"
    [[ -f "$cls" && "$cls" -nt "$src" ]] && exit 0
    rm -rf "$KAFKA_HOME/classes"; mkdir -p "$KAFKA_HOME/classes"
    java -m jdk.compiler/com.sun.tools.javac.Main -nowarn -d "$KAFKA_HOME/classes" \
        -cp "$(compgen -G "$KAFKA_LIBS/kafka-clients-[0-9]*.jar" | head -n 1)" "$src" >&2
  ) 8>"$KAFKA_HOME/classes.lock" || die "kafka: cannot compile the admin helper"
}

# _kafka_admin ITEM...: the helper as the admin principal, in one JVM (items: see its source).
_kafka_admin() {
  _kafka_check_libs
  _kafka_admin_compile
  java -Xms32m -Xmx128m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
      -Dlog4j2.configurationFile="$KAFKA_LOG4J" -Dassembly.kafka.loglevel=WARN \
      -cp "$(_kafka_admin_cp)" SuiteAdmin "$KAFKA_BROKERS" "$(kafka_keystore_file admin)" \
      "$(kafka_ca_file)" \
      "$@" >&2
}

# _kafka_wait_listed NAME...: wait until the broker's metadata lists all those topics.
_kafka_wait_listed() {
  local names=("$@")
  # shellcheck disable=SC2317  # called by wait_for
  _kafka_all_listed() {
    local have n; have="$(kafka_topics | cut -d' ' -f1)"
    for n in "${names[@]}"; do grep -qxF "$n" <<<"$have" || return 1; done
  }
  wait_for "kafka topics ${names[*]}" 15 "$KAFKA_LOG" _kafka_all_listed
}

# kafka_create_topics NAME:PARTITIONS...: create those missing (KAFKA_REPLICAS replicas),
# all in one JVM; then wait until the broker's metadata lists them all.
kafka_create_topics() {
  (($# > 0)) || return 0
  local t items=() names=()
  for t in "$@"; do items+=("topic=$t"); names+=("${t%:*}"); done
  _kafka_admin "${items[@]}" || { err "kafka: topic creation failed"; return 1; }
  _kafka_wait_listed "${names[@]}"
}

# kafka_create_topic NAME PARTITIONS: create one topic unless it exists.
kafka_create_topic() {
  [[ $# -eq 2 && "$2" =~ ^[0-9]+$ ]] || die "usage: kafka_create_topic NAME PARTITIONS"
  kafka_create_topics "$1:$2"
}

# suite_topics: the suite's topics, "NAME PARTITIONS" a line: each service's own
# (assembly.<svc>.v1, services/services.txt), then the shared ones of ops/topics.txt.
suite_topics() {
  local svc
  for svc in "${SERVICES[@]}"; do
    printf 'assembly.%s.v1 %s\n' "$svc" "${SERVICE_PARTITIONS[$svc]}"
  done
  grep -v '^[[:space:]]*\(#\|$\)' "$OPS/topics.txt"
}

# kafka_ensure_topics: the suite's topics exist (warns when one has other partition counts), and
# its ACLs are in place (applied again when their list or the cluster changed). One JVM for both.
kafka_ensure_topics() {
  local existing name parts have missing=() names=() items=() acls_id p
  existing="$(kafka_topics)"
  while read -r name parts _; do
    have="$(awk -v n="$name" '$1 == n { print $2 }' <<<"$existing")"
    if [[ -z "$have" ]]; then
      missing+=("$name:$parts"); items+=("topic=$name:$parts"); names+=("$name")
    elif [[ "$have" != "$parts" ]]; then
      warn "kafka: topic $name has $have partitions, the suite wants $parts"
    fi
  done < <(suite_topics)
  # The nodes' identities (meta.properties: new on each format) and the list of ACLs.
  acls_id="$(for ((p = 1; p <= KAFKA_NODES; p++)); do cat "$(kafka_node_data "$p")/meta.properties"; done |
    cat - <(kafka_acl_specs) | sha256sum | cut -d' ' -f1)"
  if [[ ! -f "$KAFKA_ACLS_APPLIED" || "$(<"$KAFKA_ACLS_APPLIED")" != "$acls_id" ]]; then
    while read -r p; do items+=("acl=$p"); done < <(kafka_acl_specs)
    for p in "${KAFKA_PRINCIPALS[@]}"; do items+=("principal=$p"); done
    log "kafka: applying the ACLs"
  fi
  ((${#items[@]} == 0)) && return 0
  ((${#missing[@]} == 0)) || log "kafka: creating topics ${missing[*]}"
  _kafka_admin "${items[@]}" || { err "kafka: topic or ACL setup failed"; return 1; }
  [[ "${items[-1]}" != principal=* ]] || printf '%s\n' "$acls_id" >"$KAFKA_ACLS_APPLIED"
  ((${#names[@]} == 0)) || _kafka_wait_listed "${names[@]}"
}

# _kafka_start I: node I started (formatted first if its data directory is new or was lost).
_kafka_start() {
  local i="$1" port cport pport pidf logf p
  port="$(kafka_node_port "$i")"; cport="$(kafka_node_controller_port "$i")"
  pport="$(kafka_node_proxied_port "$i")"
  pidf="$(kafka_node_pid "$i")"; logf="$(kafka_node_log "$i")"
  for p in "$port" "$cport" "$pport"; do
    port_open "$p" && die "kafka: port $p is taken by another process (set KAFKA_PORT / KAFKA_CONTROLLER_PORT / KAFKA_PROXIED_PORT)"
  done
  _kafka_format "$i"
  log "kafka: starting node $i on 127.0.0.1:$port"
  printf '\n==== %s kafka_up ====\n' "$(date -Is)" >>"$logf"
  rm -f "$pidf"
  # The inner bash writes its own pid, then becomes the JVM (exec): the pid
  # file holds the broker's pid whether or not setsid had to fork.
  # Redirections on the whole subshell and `exec`: no shell stays behind
  # holding fd 9 (the ops/stack lock) or anything else.
  # shellcheck disable=SC2016  # $$ and $0 of the inner bash
  (cd "$KAFKA_HOME" && exec setsid bash -c 'echo $$ >"$0"; exec "$@"' "$pidf" \
      java -Xms256m -Xmx512m -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true \
      -Dlog4j2.configurationFile="$KAFKA_LOG4J" -Dkafka.logs.dir="$VAR/log" \
      -cp "$KAFKA_LIBS/*" kafka.Kafka "$(kafka_node_conf "$i")" \
      ) >>"$logf" 2>&1 </dev/null 9>&- &
  wait_for "kafka node $i pid file" 5 "$logf" test -s "$pidf"
}

# kafka_up: every node running (those stopped are started), the cluster answering with all its
# brokers, the suite's topics and ACLs in place.
kafka_up() {
  _kafka_check_libs
  ensure_var_dirs
  _kafka_pki
  _kafka_shape
  local n
  for ((n = 1; n <= KAFKA_NODES; n++)); do
    _kafka_render_conf "$n"
    if [[ -s "$(kafka_node_pid "$n")" ]] && ! _kafka_running "$n"; then rm -f "$(kafka_node_pid "$n")"; fi
    # A node started before its configuration changed (a new listener...) is started again.
    if _kafka_running "$n" && [[ "$(kafka_node_conf "$n")" -nt "$(kafka_node_pid "$n")" ]]; then
      log "kafka: node $n's configuration changed: restarting it"
      stop_pid "$(kafka_node_pid "$n")" "kafka node $n" "$KAFKA_STOP_GRACE"
    fi
    _kafka_running "$n" || _kafka_start "$n" || return 1
  done
  WAIT_PIDFILE="$(kafka_node_pid 1)" wait_for "kafka ($KAFKA_NODES node(s))" "$KAFKA_READY_TIMEOUT" \
    "$KAFKA_LOG" _kafka_metadata_ok || return 1
  kafka_ensure_topics
}

# kafka_down: every node stopped (the nodes of another shape too).
kafka_down() {
  local n pidf
  for ((n = 9; n >= 1; n--)); do
    pidf="$(kafka_node_pid "$n")"
    if [[ -s "$pidf" ]] && ! _kafka_running "$n"; then rm -f "$pidf"; fi
    if _kafka_running "$n"; then
      log "kafka: stopping node $n"
      stop_pid "$pidf" "kafka node $n" "$KAFKA_STOP_GRACE"
    fi
  done
}

# kafka_status: prints running/stopped; exit 0 when running.
kafka_status() {
  if _kafka_running; then echo running; else echo stopped; return 1; fi
}

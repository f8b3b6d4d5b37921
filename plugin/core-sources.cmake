# The plugin's pure code (relative to plugin/): what neither registers with
# Wireshark nor reads a packet. plugin/CMakeLists.txt builds it for the
# plugin and the unit tests, fuzz/CMakeLists.txt for the fuzzers.
set(PEXIP_CORE_SOURCES
  classify/pexip-ranges.c
  classify/pexip-ports.c
  classify/pexip-dns.c
  signalling/pexip-http.c
  signalling/pexip-cert.c
  signalling/pexip-sip-uri.c
  signalling/pexip-sip-message.c
  model/pexip-media.c
  model/pexip-sdp.c
  model/pexip-table.c
  model/pexip-calls.c
  model/pexip-dialling.c
  model/pexip-copies.c
  model/pexip-reach.c
  model/pexip-limits.c
  model/pexip-transactions.c
  findings/pexip-findings-table.c
  findings/pexip-findings-store.c
  findings/pexip-detect-address.c
  findings/pexip-detect-sip.c
  findings/pexip-detect-h323.c
  findings/pexip-detect-proxy.c
  findings/pexip-detect-webrtc.c
  findings/pexip-media-check.c
  findings/pexip-h245-check.c
  findings/pexip-unanswered-check.c
  report/pexip-report.c
)
# Where their headers are.
set(PEXIP_CORE_INCLUDE_DIRS classify model findings signalling tree report)

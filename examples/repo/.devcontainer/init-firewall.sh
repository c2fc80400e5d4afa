#!/usr/bin/env bash
# Default-deny egress: only the Anthropic API, GitHub and the npm registry are reachable.
set -euo pipefail
iptables -F OUTPUT
iptables -A OUTPUT -o lo -j ACCEPT
iptables -A OUTPUT -m state --state ESTABLISHED,RELATED -j ACCEPT
iptables -A OUTPUT -p udp --dport 53 -j ACCEPT
ipset create allowed hash:net -exist
for host in api.anthropic.com api.github.com github.com registry.npmjs.org; do
  for ip in $(dig +short A "$host"); do ipset add allowed "$ip" -exist; done
done
iptables -A OUTPUT -m set --match-set allowed dst -j ACCEPT
iptables -P OUTPUT DROP

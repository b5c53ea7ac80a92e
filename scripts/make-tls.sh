#!/usr/bin/env bash
# Makes a throwaway CA, a server certificate for 127.0.0.1/localhost and a client
# certificate, laid out the way dockerd and DOCKER_CERT_PATH expect them.
# Usage: scripts/make-tls.sh DIR   (DIR/client is a DOCKER_CERT_PATH)
set -euo pipefail
dir=$1
[ -f "$dir/ca.pem" ] && exit 0
mkdir -p "$dir/client"
cd "$dir"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj '/CN=berth test CA' -keyout ca-key.pem -out ca.pem 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj '/CN=127.0.0.1' -keyout server-key.pem -out server.csr 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n' >server.ext
openssl x509 -req -in server.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 2 -extfile server.ext -out server-cert.pem 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj '/CN=berth test client' -keyout client/key.pem -out client.csr 2>/dev/null
printf 'extendedKeyUsage=clientAuth\n' >client.ext
openssl x509 -req -in client.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 2 -extfile client.ext -out client/cert.pem 2>/dev/null
cp ca.pem client/ca.pem
echo "$dir/client"

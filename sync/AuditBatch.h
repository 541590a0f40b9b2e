#pragma once
// The wire format of a site's audit trail on its way to the hub (issue 16, docs/hub.md):
// a JSON object {"v":1,"e":[[seq, at, site, user, role, action, table, row, resident,
// detail, change seq, change fields, prev, hash], …]}, zlib-compressed, at most 1,000
// entries and 1 MiB compressed like a change batch. Every part a hash covers travels as the
// site holds it, so the hub recomputes each hash (store::AuditLog::hashOf). Decoding is
// strict: anything malformed throws ProtocolError and yields no entry.
#include <string>
#include <string_view>
#include <vector>

#include "core/store/AuditLog.h"
#include "sync/Protocol.h"

namespace jiayi::sync {

std::string encodeAuditBatch(const std::vector<store::AuditEntry>& entries);
std::vector<store::AuditEntry> decodeAuditBatch(std::string_view json);

// The largest prefix of `entries` (at most 1,000) whose compressed batch fits 1 MiB.
Packed packAuditBatch(const std::vector<store::AuditEntry>& entries);
std::vector<store::AuditEntry> unpackAuditBatch(std::string_view body);

}  // namespace jiayi::sync

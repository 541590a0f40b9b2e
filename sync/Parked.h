#pragma once
// Other sites' entries parked at this site (docs/sync-design.md, "Parked entries") in
// words a doctor can act on.
#include <string>

#include "sync/SyncStore.h"

namespace jiayi::sync {

// Why the entry waits, in the reader's language, naming the record where it can
// ("Archive number 371721101201000042 is already used here by another record: …").
std::string parkedText(const ParkedEntry& parked);

}  // namespace jiayi::sync

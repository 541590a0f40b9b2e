// jiayi-cli import FILE.csv — filled in with the CSV import service.
#include "cli/Context.h"
#include "core/util/I18n.h"

namespace jiayi::cli {

int runImport(Context&) { throw UsageError(tr("Import is not available in this build")); }

}  // namespace jiayi::cli

#include "core/model/Resident.h"

namespace jiayi::model {

const char* statusCode(RecordStatus status) {
    switch (status) {
        case RecordStatus::Active: return "active";
        case RecordStatus::Moved: return "moved";
        case RecordStatus::Dead: return "dead";
        case RecordStatus::Lost: return "lost";
    }
    return "active";
}

std::optional<RecordStatus> parseStatus(std::string_view code) {
    if (code == "active") return RecordStatus::Active;
    if (code == "moved") return RecordStatus::Moved;
    if (code == "dead") return RecordStatus::Dead;
    if (code == "lost") return RecordStatus::Lost;
    return std::nullopt;
}

}  // namespace jiayi::model

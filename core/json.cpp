// JsonWriter over RapidJSON's PrettyWriter.
#include "core/json.h"

#include <rapidjson/ostreamwrapper.h>
#include <rapidjson/prettywriter.h>

#include <cmath>

#include "core/error.h"

namespace dyad {

struct JsonWriter::Impl {
    std::ostream& out;
    rapidjson::OStreamWrapper stream;
    rapidjson::PrettyWriter<rapidjson::OStreamWrapper> writer;
    explicit Impl(std::ostream& o) : out(o), stream(o), writer(stream) { writer.SetIndent(' ', 2); }
};

JsonWriter::JsonWriter(std::ostream& out) : impl_(std::make_unique<Impl>(out)) {}
JsonWriter::~JsonWriter() = default;

JsonWriter& JsonWriter::begin_object() {
    impl_->writer.StartObject();
    return *this;
}
JsonWriter& JsonWriter::end_object() {
    impl_->writer.EndObject();
    return *this;
}
JsonWriter& JsonWriter::begin_array() {
    impl_->writer.StartArray();
    return *this;
}
JsonWriter& JsonWriter::end_array() {
    impl_->writer.EndArray();
    return *this;
}
JsonWriter& JsonWriter::key(std::string_view k) {
    impl_->writer.Key(k.data(), static_cast<rapidjson::SizeType>(k.size()), true);
    return *this;
}
JsonWriter& JsonWriter::value(std::string_view s) {
    impl_->writer.String(s.data(), static_cast<rapidjson::SizeType>(s.size()), true);
    return *this;
}
JsonWriter& JsonWriter::value(bool b) {
    impl_->writer.Bool(b);
    return *this;
}
JsonWriter& JsonWriter::value(std::int64_t n) {
    impl_->writer.Int64(n);
    return *this;
}
JsonWriter& JsonWriter::value(double d) {
    if (!std::isfinite(d)) return null();
    const double r = std::round(d * 1e4) / 1e4;
    if (std::floor(r) == r && std::fabs(r) < 9e15) impl_->writer.Int64(static_cast<std::int64_t>(r));
    else impl_->writer.Double(r);
    return *this;
}
JsonWriter& JsonWriter::null() {
    impl_->writer.Null();
    return *this;
}

void JsonWriter::finish() {
    impl_->stream.Flush();
    impl_->out << '\n';
    if (!impl_->out || !impl_->writer.IsComplete())
        throw Error(ErrorKind::Export, "json: writing the report failed (disk full or closed output?)");
}

}  // namespace dyad

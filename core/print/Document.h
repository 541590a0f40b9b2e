#pragma once
// A printed form as content, not as pixels (issue 17: the contract agreement, 协议书): a
// title, headings, paragraphs, label-value fields, tables and signature lines in reading
// order, for an A4 page. Core writes what a form says; each renderer lays it out (the CLI's
// PDF, cli/PdfWriter; the workstation's print preview, gui/DocumentPrintout), so a paper
// form and its PDF say the same.
#include <string>
#include <utility>
#include <vector>

namespace jiayi::print {

struct Block {
    enum class Kind { Title, Heading, Paragraph, Fields, Table, Signatures, Note };
    Kind kind = Kind::Paragraph;
    std::string text;                                         // Title, Heading, Paragraph, Note
    std::vector<std::pair<std::string, std::string>> fields;  // Fields: label → value, two a row
    std::vector<std::vector<std::string>> rows;               // Table: the first row is the header
    std::vector<int> widths;                                  // Table: column shares (sum any)
    std::vector<std::string> signatures;                      // Signatures: one line each
};

struct Document {
    std::string title;   // the file's title (PDF metadata, print job)
    std::vector<Block> blocks;
    std::string footer;  // small print at the foot of each page

    // Names the document (its file and print job) and opens it with that title.
    Document& titled(std::string text) {
        title = text;
        return add(Block::Kind::Title, std::move(text));
    }
    Document& heading(std::string text) { return add(Block::Kind::Heading, std::move(text)); }
    Document& paragraph(std::string text) { return add(Block::Kind::Paragraph, std::move(text)); }
    Document& note(std::string text) { return add(Block::Kind::Note, std::move(text)); }

private:
    Document& add(Block::Kind kind, std::string text) {
        Block b;
        b.kind = kind;
        b.text = std::move(text);
        blocks.push_back(std::move(b));
        return *this;
    }
};

// Every text of the document in reading order, one line each (tests, and a plain-text copy).
std::string plainText(const Document& document);

}  // namespace jiayi::print

#include "cli/PdfWriter.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <memory>
#include <numeric>
#include <stdexcept>
#include <string>

namespace jiayi::cli {
namespace {

// A4 in points, with 20 mm margins.
constexpr double kWidth = 595.276, kHeight = 841.89, kMargin = 56.7;
constexpr double kBody = kWidth - 2 * kMargin;
constexpr double kBottom = kHeight - kMargin - 18;  // room for the footer
// Chinese first: the fonts a Debian or Windows PC has, then any sans.
constexpr const char* kFamily = "WenQuanYi Micro Hei, Noto Sans CJK SC, Microsoft YaHei, SimSun, sans";

struct Pdf {
    cairo_surface_t* surface = nullptr;
    cairo_t* cr = nullptr;
    double y = kMargin;
    std::string footer;
    int page = 1;

    ~Pdf() {
        if (cr) cairo_destroy(cr);
        if (surface) cairo_surface_destroy(surface);
    }

    // A laid-out text of `width` points in the given size and weight.
    std::unique_ptr<PangoLayout, void (*)(gpointer)> layout(const std::string& text, double size, bool bold,
                                                           double width, PangoAlignment align = PANGO_ALIGN_LEFT) {
        std::unique_ptr<PangoLayout, void (*)(gpointer)> l(pango_cairo_create_layout(cr), g_object_unref);
        PangoFontDescription* font = pango_font_description_from_string(kFamily);
        pango_font_description_set_size(font, static_cast<gint>(size * PANGO_SCALE));
        if (bold) pango_font_description_set_weight(font, PANGO_WEIGHT_BOLD);
        pango_layout_set_font_description(l.get(), font);
        pango_font_description_free(font);
        pango_layout_set_width(l.get(), static_cast<int>(width * PANGO_SCALE));
        pango_layout_set_wrap(l.get(), PANGO_WRAP_WORD_CHAR);
        pango_layout_set_alignment(l.get(), align);
        pango_layout_set_text(l.get(), text.c_str(), -1);
        return l;
    }

    static double height(PangoLayout* l) {
        int w = 0, h = 0;
        pango_layout_get_size(l, &w, &h);
        return static_cast<double>(h) / PANGO_SCALE;
    }

    void draw(PangoLayout* l, double x, double top) {
        cairo_move_to(cr, x, top);
        pango_cairo_show_layout(cr, l);
    }

    void drawFooter() {
        if (footer.empty()) return;
        auto l = layout(footer + "    " + std::to_string(page), 8, false, kBody, PANGO_ALIGN_CENTER);
        cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
        draw(l.get(), kMargin, kHeight - kMargin);
        cairo_set_source_rgb(cr, 0, 0, 0);
    }

    // Starts a new page when `needed` points do not fit below y.
    void room(double needed) {
        if (y + needed <= kBottom || y <= kMargin) return;
        drawFooter();
        cairo_show_page(cr);
        ++page;
        y = kMargin;
    }

    void text(const std::string& t, double size, bool bold, double before, double after,
              PangoAlignment align = PANGO_ALIGN_LEFT) {
        auto l = layout(t, size, bold, kBody, align);
        const double h = height(l.get());
        room(before + h);
        y += before;
        draw(l.get(), kMargin, y);
        y += h + after;
    }

    // Label-value pairs two a row; a pair too long for half the width takes a row alone.
    void fields(const print::Block& b) {
        const double column = kBody / 2;
        const auto cell = [&](std::size_t j, double width) {
            return layout(b.fields[j].first + "：" + b.fields[j].second, 10.5, false, width - 8);
        };
        const double oneLine = height(layout("国", 10.5, false, column).get());
        for (std::size_t i = 0; i < b.fields.size();) {
            auto first = cell(i, column);
            std::vector<std::unique_ptr<PangoLayout, void (*)(gpointer)>> cells;
            if (height(first.get()) > oneLine * 1.5) {
                cells.push_back(cell(i, kBody));
                i += 1;
            } else if (i + 1 < b.fields.size() && height(cell(i + 1, column).get()) <= oneLine * 1.5) {
                cells.push_back(std::move(first));
                cells.push_back(cell(i + 1, column));
                i += 2;
            } else {
                cells.push_back(std::move(first));
                i += 1;
            }
            double h = 0;
            for (const auto& c : cells) h = std::max(h, height(c.get()));
            room(h + 4);
            for (std::size_t k = 0; k < cells.size(); ++k) draw(cells[k].get(), kMargin + k * column, y);
            y += h + 4;
        }
        y += 4;
    }

    void table(const print::Block& b) {
        if (b.rows.empty()) return;
        const std::size_t n = b.rows.front().size();
        std::vector<int> shares = b.widths;
        shares.resize(n, 1);
        const double total = std::accumulate(shares.begin(), shares.end(), 0.0);
        std::vector<double> widths;
        for (const auto s : shares) widths.push_back(kBody * s / total);
        constexpr double pad = 4;
        for (std::size_t r = 0; r < b.rows.size(); ++r) {
            std::vector<std::unique_ptr<PangoLayout, void (*)(gpointer)>> cells;
            double h = 0;
            for (std::size_t c = 0; c < n; ++c) {
                cells.push_back(layout(c < b.rows[r].size() ? b.rows[r][c] : "", 10, r == 0, widths[c] - 2 * pad));
                h = std::max(h, height(cells.back().get()));
            }
            h += 2 * pad;
            room(h);
            double x = kMargin;
            cairo_set_line_width(cr, 0.6);
            for (std::size_t c = 0; c < n; ++c) {
                cairo_rectangle(cr, x, y, widths[c], h);
                cairo_stroke(cr);
                draw(cells[c].get(), x + pad, y + pad);
                x += widths[c];
            }
            y += h;
        }
        y += 8;
    }
};

}  // namespace

void writePdf(const print::Document& document, const std::filesystem::path& file) {
    Pdf pdf;
    pdf.surface = cairo_pdf_surface_create(file.string().c_str(), kWidth, kHeight);
    if (cairo_surface_status(pdf.surface) != CAIRO_STATUS_SUCCESS)
        throw std::runtime_error("cannot write " + file.string());
    cairo_pdf_surface_set_metadata(pdf.surface, CAIRO_PDF_METADATA_TITLE, document.title.c_str());
    cairo_pdf_surface_set_metadata(pdf.surface, CAIRO_PDF_METADATA_CREATOR, "Jiayi");
    pdf.cr = cairo_create(pdf.surface);
    pdf.footer = document.footer;
    cairo_set_source_rgb(pdf.cr, 0, 0, 0);
    using K = print::Block::Kind;
    for (const auto& b : document.blocks) {
        switch (b.kind) {
            case K::Title: pdf.text(b.text, 18, true, 0, 10, PANGO_ALIGN_CENTER); break;
            case K::Heading:
                pdf.room(80);  // a heading stays with what follows it
                pdf.text(b.text, 12, true, 8, 4);
                break;
            case K::Paragraph: pdf.text(b.text, 10.5, false, 0, 4); break;
            case K::Note: pdf.text(b.text, 9, false, 0, 6); break;
            case K::Fields: pdf.fields(b); break;
            case K::Table: pdf.table(b); break;
            case K::Signatures:
                for (const auto& s : b.signatures) pdf.text(s, 10.5, false, 22, 0);
                break;
        }
    }
    pdf.drawFooter();
    cairo_show_page(pdf.cr);
    cairo_surface_finish(pdf.surface);
    if (cairo_surface_status(pdf.surface) != CAIRO_STATUS_SUCCESS)
        throw std::runtime_error("cannot write " + file.string());
}

}  // namespace jiayi::cli

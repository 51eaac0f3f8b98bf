// libvips's calls take their options as NULL-terminated variadic arguments, which Swift cannot
// pass: each call bamaso makes is a fixed-argument function here. Only BamasoImages uses them.
#include <vips/vips.h>
#include <webp/mux.h>
#include <string.h>

static inline void bamaso_vips_quiet(const gchar *domain, GLogLevelFlags level, const gchar *message, gpointer data) {}

static inline int bamaso_vips_start(void) {
    if (VIPS_INIT("bamaso")) return -1;
    // A damaged file is reported by bamaso, with its name and the page that uses it; libvips's
    // own warnings would only print noise beside the report.
    g_log_set_handler("VIPS", G_LOG_LEVEL_WARNING | G_LOG_LEVEL_MESSAGE, bamaso_vips_quiet, NULL);
    // No operation cache: a file replaced under the same name must be read again, and memory
    // stays bounded by the images being worked on.
    vips_cache_set_max(0);
    // bamaso encodes several images at once, one per core; each on one thread keeps that fair.
    vips_concurrency_set(1);
    return 0;
}

// The header only: no pixels are decoded.
static inline VipsImage *bamaso_vips_open_header(const char *path) {
    return vips_image_new_from_file(path, "access", VIPS_ACCESS_SEQUENTIAL, NULL);
}

// The whole image, failing on damage or truncation rather than filling in grey.
static inline VipsImage *bamaso_vips_open_strict(const char *path) {
    return vips_image_new_from_file(path, "fail_on", VIPS_FAIL_ON_ERROR, NULL);
}

static inline VipsImage *bamaso_vips_open_buffer(const void *data, size_t length) {
    return vips_image_new_from_buffer(data, length, "", "fail_on", VIPS_FAIL_ON_ERROR, NULL);
}

static inline int bamaso_vips_autorot(VipsImage *in, VipsImage **out) { return vips_autorot(in, out, NULL); }

// At most `width` wide, any height; never enlarged.
static inline int bamaso_vips_shrink_to_width(VipsImage *in, VipsImage **out, int width) {
    return vips_thumbnail_image(in, out, width, "height", VIPS_MAX_COORD, "size", VIPS_SIZE_DOWN, NULL);
}

// Exactly width x height, cropped around what draws the eye.
static inline int bamaso_vips_cover(VipsImage *in, VipsImage **out, int width, int height) {
    return vips_thumbnail_image(
        in, out, width, "height", height, "crop", VIPS_INTERESTING_ATTENTION, "size", VIPS_SIZE_BOTH, NULL);
}

static inline int bamaso_vips_flatten_white(VipsImage *in, VipsImage **out) {
    VipsArrayDouble *background = vips_array_double_newv(3, 255.0, 255.0, 255.0);
    int result = vips_flatten(in, out, "background", background, NULL);
    vips_area_unref(VIPS_AREA(background));
    return result;
}

// A copy without the metadata a photo carries: EXIF (GPS position, camera serial), XMP, IPTC,
// comments, the colour profile. The savers' `strip` is asked too, but libvips 8.14's WebP saver
// does not honour it.
static inline int bamaso_vips_without_metadata(VipsImage *in, VipsImage **out) {
    if (vips_copy(in, out, NULL)) return -1;
    gchar **fields = vips_image_get_fields(*out);
    for (int i = 0; fields[i]; i++) {
        const char *name = fields[i];
        if (g_str_has_prefix(name, "exif") || g_str_has_prefix(name, "xmp") || g_str_has_prefix(name, "iptc")
            || g_strrstr(name, "comment") || g_str_has_prefix(name, "icc-profile")
            || g_str_has_prefix(name, "orientation") || g_str_has_prefix(name, "gps"))
            vips_image_remove(*out, name);
    }
    g_strfreev(fields);
    return 0;
}

// Every save strips metadata: EXIF (GPS, camera serial), XMP, IPTC, comments.
// libvips 8.14's WebP saver writes an EXIF chunk (resolution, orientation) even when asked to
// strip: libwebp's own muxer takes the EXIF and XMP chunks out again.
static inline int bamaso_vips_webp(VipsImage *in, void **buffer, size_t *length, int quality) {
    void *saved = NULL;
    size_t saved_length = 0;
    if (vips_webpsave_buffer(in, &saved, &saved_length, "Q", quality, "strip", TRUE, NULL)) return -1;
    WebPData input = { saved, saved_length };
    WebPMux *mux = WebPMuxCreate(&input, 0);
    if (!mux) {
        g_free(saved);
        vips_error("bamaso", "libwebp could not read the WebP that libvips wrote");
        return -1;
    }
    WebPMuxDeleteChunk(mux, "EXIF");
    WebPMuxDeleteChunk(mux, "XMP ");
    WebPData output = { NULL, 0 };
    WebPMuxError assembled = WebPMuxAssemble(mux, &output);
    WebPMuxDelete(mux);
    g_free(saved);
    if (assembled != WEBP_MUX_OK) {
        vips_error("bamaso", "libwebp could not write the WebP without metadata");
        return -1;
    }
    *buffer = g_malloc(output.size);
    memcpy(*buffer, output.bytes, output.size);
    *length = output.size;
    WebPDataClear(&output);
    return 0;
}

static inline int bamaso_vips_jpeg(VipsImage *in, void **buffer, size_t *length, int quality) {
    return vips_jpegsave_buffer(
        in, buffer, length, "Q", quality, "strip", TRUE, "optimize_coding", TRUE, "interlace", TRUE, NULL);
}

static inline int bamaso_vips_png(VipsImage *in, void **buffer, size_t *length) {
    return vips_pngsave_buffer(in, buffer, length, "strip", TRUE, "compression", 9, NULL);
}

// For tests and examples: a photo-like image (a gradient with noise) of the given size.
static inline int bamaso_vips_synthetic_photo(VipsImage **out, int width, int height, int bands) {
    VipsImage *noise = NULL, *ramp = NULL, *sum = NULL, *scaled = NULL, *joined = NULL;
    int result = -1;
    if (vips_gaussnoise(&noise, width, height, "sigma", 8.0, "mean", 0.0, "seed", 7, NULL)) goto done;
    if (vips_xyz(&ramp, width, height, NULL)) goto done;
    VipsImage *bandsOf[2];
    if (vips_extract_band(ramp, &bandsOf[0], 0, NULL)) goto done;
    if (vips_linear1(bandsOf[0], &bandsOf[1], 200.0 / width, 30.0, NULL)) { g_object_unref(bandsOf[0]); goto done; }
    g_object_unref(bandsOf[0]);
    if (vips_add(bandsOf[1], noise, &sum, NULL)) { g_object_unref(bandsOf[1]); goto done; }
    g_object_unref(bandsOf[1]);
    if (vips_cast_uchar(sum, &scaled, NULL)) goto done;
    // A transparent image's alpha is smooth, as a logo's or a map's is: the ramp alone.
    VipsImage *alpha = NULL;
    if (vips_cast_uchar(ramp, &alpha, NULL)) goto done;
    VipsImage *alphaBand = NULL;
    if (vips_extract_band(alpha, &alphaBand, 1, NULL)) { g_object_unref(alpha); goto done; }
    g_object_unref(alpha);
    VipsImage *copies[4] = { scaled, scaled, scaled, alphaBand };
    int joinedResult = vips_bandjoin(copies, &joined, bands, NULL);
    g_object_unref(alphaBand);
    if (joinedResult) goto done;
    if (vips_copy(joined, out, "interpretation", bands >= 3 ? VIPS_INTERPRETATION_sRGB : VIPS_INTERPRETATION_B_W, NULL))
        goto done;
    result = 0;
done:
    if (noise) g_object_unref(noise);
    if (ramp) g_object_unref(ramp);
    if (sum) g_object_unref(sum);
    if (scaled) g_object_unref(scaled);
    if (joined) g_object_unref(joined);
    return result;
}

static inline int bamaso_vips_set_orientation(VipsImage *in, VipsImage **out, int orientation) {
    if (vips_copy(in, out, NULL)) return -1;
    vips_image_set_int(*out, VIPS_META_ORIENTATION, orientation);
    return 0;
}

static inline int bamaso_vips_jpeg_keeping_metadata(VipsImage *in, void **buffer, size_t *length) {
    return vips_jpegsave_buffer(in, buffer, length, "Q", 90, NULL);
}

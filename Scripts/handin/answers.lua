-- Pandoc Lua filter for one answer file on its way into the hand-in PDF.
--
-- Metadata it reads (set by answers_pdf.py with -M):
--   handin-lang     "en" or "fa"
--   handin-prefix   this file's key, e.g. "p1"; every identifier gets it, so that the
--                   part-a anchors of four files do not collide in one document
--   handin-files    "name.md=key;name.md=key" for the files that are in the document:
--                   links between them become links inside the PDF
--   handin-srcdir   absolute directory of this Markdown file (images resolve against it)
--   handin-imagelog file to which every image path used is appended, one a line
--
-- What it does:
--   * identifiers and internal links are prefixed; links to files outside the document
--     keep their text and lose the target (a PDF cannot follow a repository path);
--   * the navigation line at the top of a file ("index · English") is dropped;
--   * <details> blocks are printed open;
--   * images resolve to absolute paths; in Persian a sibling NAME-fa.svg / NAME-fa.png is
--     preferred when it exists;
--   * in Persian, ASCII digits in prose become Persian digits (and a decimal point between
--     digits the Persian decimal separator); math, code, URLs and file names are untouched.

local lang, prefix, srcdir, imagelog = "en", "doc", ".", nil
local files = {}

local function meta_string(value)
  if value == nil then return nil end
  return pandoc.utils.stringify(value)
end

local function read_meta(meta)
  lang = meta_string(meta["handin-lang"]) or lang
  prefix = meta_string(meta["handin-prefix"]) or prefix
  srcdir = meta_string(meta["handin-srcdir"]) or srcdir
  imagelog = meta_string(meta["handin-imagelog"])
  local list = meta_string(meta["handin-files"]) or ""
  for name, key in list:gmatch("([^;=]+)=([^;]+)") do files[name] = key end
end

local function file_exists(path)
  local handle = io.open(path, "rb")
  if handle then handle:close() return true end
  return false
end

-- Identifiers become ASCII (bytes outside it as hex): Chromium's PDF destinations and
-- `pdfinfo -dests` then agree on every name. Links are rewritten by the same function.
-- PDF names are limited to 127 bytes: long ones keep their first 48 and their length.
local function ascii_id(id)
  local ascii = id:gsub("[^%w%-_.]", function(byte) return string.format("%02x", byte:byte()) end)
  if #ascii > 64 then ascii = ascii:sub(1, 48) .. "-" .. #ascii end
  return ascii
end

local function prefixed(id, key)
  if id == nil or id == "" then return id end
  return (key or prefix) .. "-" .. ascii_id(id)
end

-- Persian digits ------------------------------------------------------------------------
local persian_digits = { ["0"] = "۰", ["1"] = "۱", ["2"] = "۲", ["3"] = "۳", ["4"] = "۴",
  ["5"] = "۵", ["6"] = "۶", ["7"] = "۷", ["8"] = "۸", ["9"] = "۹" }

local function looks_technical(text)
  -- URLs, paths, file names, flags and identifiers keep their ASCII digits.
  return text:find("://", 1, true) or text:find("/", 1, true) or text:find("_", 1, true)
    or text:find("%.md") or text:find("%.svg") or text:find("%.png") or text:find("%.json")
    or text:find("^%-%-") or text:find("[A-Za-z]%d") or text:find("%d[A-Za-z]")
end

local function to_persian_digits(text)
  if looks_technical(text) then return text end
  text = text:gsub("(%d)%.(%d)", "%1٫%2")
  text = text:gsub("(%d)%.(%d)", "%1٫%2") -- overlapping matches such as 1.2.3
  return (text:gsub("%d", persian_digits))
end

-- Links ---------------------------------------------------------------------------------
local function internal_target(target)
  if target:match("^%a[%w+.-]*:") then return target, true end -- http:, mailto:, ...
  if target:sub(1, 1) == "#" then return "#" .. prefixed(target:sub(2)), true end
  local file, fragment = target:match("^([^#]*)#?(.*)$")
  local base = file:match("([^/]+)$") or file
  local same_language = not file:find("/", 1, true) -- ../x.md and fa/x.md are the other language
  local key = same_language and files[base]
  if key then
    if fragment ~= "" then return "#" .. prefixed(fragment, key), true end
    return "#" .. key, true
  end
  return nil, false
end

local function is_navigation_paragraph(block)
  -- "[index](README.md) · [English](../x.md)": only links to files outside the
  -- document and separators.
  local links, other = 0, false
  for _, inline in ipairs(block.content) do
    if inline.t == "Link" then
      local _, inside = internal_target(inline.target)
      if inside then other = true else links = links + 1 end
    elseif inline.t == "Space" or inline.t == "SoftBreak" then
    elseif inline.t == "Str" and (inline.text == "·" or inline.text == "|" or inline.text == "—") then
    else other = true end
  end
  return links > 0 and not other
end

-- Images --------------------------------------------------------------------------------
local function resolve_image(src)
  if src:match("^%a[%w+.-]*:") or src:sub(1, 1) == "/" then return src end
  local path = srcdir .. "/" .. src
  if lang == "fa" then
    local stem, ext = path:match("^(.*)%.(%a+)$")
    if stem and not stem:match("%-fa$") and file_exists(stem .. "-fa." .. ext) then
      path = stem .. "-fa." .. ext
    end
  end
  return path
end

local function log_image(path)
  if not imagelog then return end
  local handle = io.open(imagelog, "a")
  if handle then handle:write(path, "\n") handle:close() end
end

return {
  { Meta = function(meta) read_meta(meta) end },
  {
    -- Before links are rewritten below (pandoc walks inlines before their paragraph).
    Para = function(el)
      if is_navigation_paragraph(el) then return {} end
      -- Two or more images alone in a paragraph (e.g. a part's loss and accuracy charts)
      -- are set side by side, each half the column wide.
      local images, other = 0, false
      for _, inline in ipairs(el.content) do
        if inline.t == "Image" then images = images + 1
        elseif inline.t ~= "Space" and inline.t ~= "SoftBreak" then other = true end
      end
      if images >= 2 and not other then
        return pandoc.Div({ el }, pandoc.Attr("", { "figure-row" }))
      end
      return el
    end,
  },
  {
    Header = function(el) el.identifier = prefixed(el.identifier) return el end,
    Div = function(el) el.identifier = prefixed(el.identifier) return el end,
    Span = function(el) el.identifier = prefixed(el.identifier) return el end,
    Code = function(el) el.identifier = prefixed(el.identifier) return el end,
    CodeBlock = function(el) el.identifier = prefixed(el.identifier) return el end,
    Table = function(el)
      if el.identifier then el.identifier = prefixed(el.identifier) end
      return el
    end,
    RawInline = function(el)
      if el.format == "html" then
        el.text = el.text:gsub('(id=")([^"]+)(")', function(a, id, b) return a .. prefixed(id) .. b end)
      end
      return el
    end,
    RawBlock = function(el)
      if el.format == "html" then
        el.text = el.text:gsub('(id=")([^"]+)(")', function(a, id, b) return a .. prefixed(id) .. b end)
        el.text = el.text:gsub("<details>", "<details open>")
      end
      return el
    end,
    Link = function(el)
      local target, inside = internal_target(el.target)
      if inside then el.target = target return el end
      return el.content
    end,
    Image = function(el)
      el.src = resolve_image(el.src)
      log_image(el.src)
      return el
    end,
  },
  {
    Str = function(el)
      if lang == "fa" then el.text = to_persian_digits(el.text) end
      return el
    end,
  },
}

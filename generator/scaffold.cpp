#include "scaffold.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace annalist {

namespace {

// ---- English ----------------------------------------------------------------------------

constexpr const char* kReportEn = R"yml(# report.yml: the settings of this report project.
# Reference: docs/FORMAT.md in the annalist sources; README.md in this folder has a short tour.
# Unknown keys are errors (with a did-you-mean hint), so a typo is caught at once.
# Build the site:   annalist build .        (writes _site/; open _site/index.html)
# Check only:       annalist check .

title: Sample Annual Report             # required: cover, page titles, header
subtitle: A small project made by annalist new   # optional: under the title on the cover
edition: "2024"                         # optional: on the cover and in page titles (quote it)
language: en                            # en | zh-CN: UI strings, <html lang>, "Figure 1.1" labels
author: Your Organisation               # optional: on the cover
publisher: Your Organisation            # optional
description: A sample report that shows every part of an annalist project.   # cover + <meta>
# base_url: https://example.org/report/  # optional: canonical/Open Graph tags and sitemap.xml
data: data                              # the data directory, relative to this file
number_sections: true                   # "1.1" before ## and "1.1.1" before ### headings
allow_html: false                       # raw HTML in Markdown is shown as text unless true

# The numbers in data/sales.csv are MADE UP for this example. Replace them with your own.

highlights:                             # optional key figures on the cover
  - label: Sales in 2024                # {{ data… }} inserts a value from the data directory:
    value: "{{ data.sales[year=2024].amount }} million"   # row where year is 2024, column amount
  - label: Growth on 2023
    value: "{{ data.sales[year=2024].growth | signed | pct }}"   # filters: fmt ".1f", pct, signed, cn_unit

# Pages, in reading order. Paths are relative to this file.
# front:                                # unnumbered pages before chapter 1 (preface, summary)
#   - front/preface.md
chapters:                               # numbered: Chapter 1, Chapter 2, …
  - chapters/01-introduction.md
  - chapters/02-results.md
appendices:                             # lettered: Appendix A, Appendix B, …
  - appendices/a-about-the-data.md

# labels:                               # optional: override how figures and tables are numbered
#   figure: "Figure {chapter}.{n}"
#   table: "Table {chapter}.{n}"
)yml";

constexpr const char* kIntroEn = R"md(---
title: Introduction
slug: introduction
summary: What this sample report covers and how it is organised.
---

## About this report {#about}

This is a sample report written by `annalist new`. Every number in it comes from the data file
`data/sales.csv`, so the text, the chart and the tables always agree. Sales reached
{{ data.sales[year=2024].amount | fmt ".1f" }} million in 2024, {{ data.sales[year=2024].growth | pct }}
more than in 2023.[^madeup]

The results are in @ch:results: the trend is shown in @fig:sales-trend and the full figures are
listed in @tbl:sales-data. How the numbers were gathered is described in @sec:method.

## Method {#method}

Each year's sales are the total of all invoices issued in that year. Growth is the change on the
year before, in per cent.

### What is not included {#exclusions}

Returns and internal transfers are left out. See @ch:about-the-data for the data file itself.

[^madeup]: All numbers in this project are made up for the example. Replace them with your own.
)md";

constexpr const char* kResultsEn = R"md(---
title: Results
slug: results
summary: Sales and growth from 2020 to 2024, as a chart and as tables.
---

## Sales over five years {#trend}

Sales grew every year, from {{ data.sales[year=2020].amount }} million in 2020 to
{{ data.sales[year=2024].amount }} million in 2024 (see @fig:sales-trend). Growth in 2024 was
{{ data.sales[year=2024].growth | signed | pct }}, after {{ data.sales[year=2023].growth | pct }} in 2023.

```chart
id: sales-trend
type: combo
title: Sales and growth, 2020–2024
data: sales
x: year
y: [amount]
y2: growth
unit: million
y2unit: "%"
labels: true
source: Sample data (made up)
note: Bars show sales (left axis); the line shows growth on the year before (right axis).
```

### The figures year by year {#by-year}

@tbl:sales-data lists the same data set as the chart.

```table
id: sales-data
data: sales
caption: Sales and growth by year
columns:
  - {key: year, label: Year}
  - {key: amount, label: Sales (million), format: ".1f"}
  - {key: growth, label: Growth (%), format: ".1f"}
source: Sample data (made up)
```

## Sales by region {#regions}

A table written directly in Markdown gets a number too when a caption follows it
(see @tbl:regions).[^regions]

| Region | Share of sales (%) | Stores |
|:-------|-------------------:|-------:|
| North  | 38.5               | 120    |
| South  | 33.0               | 96     |
| West   | 28.5               | 71     |

Table: Sales by region in 2024 {#tbl:regions}

The method behind these numbers is in @sec:method of @ch:introduction.

[^regions]: The regional split is made up as well; it is not read from a data file.
)md";

constexpr const char* kAppendixEn = R"md(---
title: About the data
slug: about-the-data
summary: Where the sample numbers come from and how to replace them.
---

## The data file {#data-file}

The chart @fig:sales-trend and the table @tbl:sales-data both read `data/sales.csv`, which has
one row per year and three columns: `year`, `amount` (sales in million) and `growth` (per cent).
The file `data/_catalog.yml` gives the data set its title and source for the data appendix.

## Replacing the numbers {#replacing}

Edit `data/sales.csv` and build again: the text, the chart, the tables and the cover all change
together. The latest year in the file is {{ data.sales[4].year }}.
)md";

constexpr const char* kCatalogEn = R"yml(# _catalog.yml describes the data sets of this folder for the data appendix (data.html).
# Keys are file names without extension; fields: title, source, origin, unit, note.
# Files and folders whose names start with "_" (like this one) are not data sets.
sales:
  title: Annual sales and growth, 2020–2024
  source: Sample data (made up by annalist new)
  origin: invented for the example project; say here where your numbers come from
  unit: amount in million; growth in per cent on the year before
)yml";

constexpr const char* kReadmeEn = R"md(# Sample Annual Report

This folder is an annalist report project, made by `annalist new`. It builds as it is:

    annalist build .          # writes the site to _site/ (open _site/index.html)
    annalist check .          # only checks: every problem with file:line:col
    annalist serve .          # preview in a browser, rebuilt when a file changes

The numbers in `data/sales.csv` are made up. Replace them, and the text with them.

## What is where

| Path | What it is |
|------|------------|
| `report.yml` | Settings: title, language, the list of pages. Every key is explained in comments. |
| `chapters/*.md` | Numbered chapters (Chapter 1, 2, …) in GitHub-flavoured Markdown. |
| `appendices/*.md` | Lettered appendices (Appendix A, B, …). |
| `data/` | Data files (`.csv`, `.json`, `.yaml`) used by charts, tables and text. |
| `data/_catalog.yml` | Title, source and origin of each data set, for the data appendix. |

## Writing pages

A page may start with front matter: `title`, `slug` (the file name of the page and the name in
`@ch:slug`) and `summary`. Do not repeat the title as a `#` heading.

- `## Heading {#id}` is a numbered section (1.1); `###` is 1.1.1; `####` is not numbered.
- Footnotes: `text[^note]` and, anywhere on the page, `[^note]: The note.`
- Cross-references: `@fig:id`, `@tbl:id`, `@sec:id`, `@ch:slug` become links with the number
  ("Figure 2.1", "Table 2.1", "Section 1.2", "Chapter 2"). `[your text](@fig:id)` keeps your text.
- Raw HTML (including `<!-- comments -->`) is shown as text unless `allow_html: true`; put notes
  to yourself in this README or in YAML comments instead.

## Numbers from data

`{{ data.sales[year=2024].amount }}` inserts the `amount` of the row of `data/sales.csv` whose
`year` is 2024. `data.sales[0]` is the first row. YAML and JSON files are navigated by keys:
`{{ data.summary.total }}`. Filters follow a `|`: `fmt ".1f"` (decimals), `pct` (adds %),
`signed` (+ for positive numbers), `cn_unit` (万/亿). A wrong path is an error at file:line:col.

## Charts and tables

A fenced block with the info string `chart` holds a chart spec in YAML:

    ```chart
    id: sales-trend          # anchor fig-sales-trend, referenced as @fig:sales-trend
    type: combo              # bar | stacked | hbar | line | area | pie | donut | combo | scatter
    title: Sales and growth
    data: sales              # data file path without extension
    x: year                  # category column
    y: [amount]              # one or more value columns
    y2: growth               # combo only: the line on the right axis
    unit: million
    y2unit: "%"
    labels: true             # values on the bars and points
    source: Where the data comes from
    note: An optional note under the figure
    ```

A `table` block shows columns of a data set (fields `id`, `data`, `caption`, `columns` with
`key`, `label`, `format`, then `source`, `note`). A plain Markdown table is numbered when a
caption paragraph follows it after a blank line: `Table: Caption text {#tbl:id}`.
A `figure` block (`id`, `title`, `source`, `note`) keeps a numbered place for a figure whose
data you do not have.
)md";

// ---- 中文 ---------------------------------------------------------------------------------

constexpr const char* kReportZh = R"yml(# report.yml：报告项目的设置。
# 完整说明见 annalist 源码中的 docs/FORMAT.md；本目录的 README.md 有简要介绍。
# 未知的键会报错（并提示最接近的正确写法），拼写错误能立即发现。
# 生成网站：  annalist build .      （输出到 _site/，打开 _site/index.html）
# 只做检查：  annalist check .

title: 示例年度报告                      # 必填：封面、页面标题、页眉
subtitle: 由 annalist new 生成的小型项目   # 可选：封面上标题下方的副标题
edition: "2024"                         # 可选：显示在封面和页面标题中（请加引号）
language: zh-CN                         # zh-CN | en：界面文字、<html lang>、“图1-1”等编号格式
author: 您的单位                         # 可选：显示在封面
publisher: 您的单位                      # 可选
description: 演示 annalist 项目各组成部分的示例报告。   # 封面及 <meta name="description">
# base_url: https://example.org/report/  # 可选：生成 canonical/Open Graph 标签和 sitemap.xml
data: data                              # 数据目录，相对于本文件
number_sections: true                   # 在 ## 标题前加“1.1”，在 ### 标题前加“1.1.1”
allow_html: false                       # 为 false 时 Markdown 中的原始 HTML 按文字显示

# data/sales.csv 中的数字均为示例虚构数据，请替换为您自己的数据。

highlights:                             # 可选：封面上的主要指标
  - label: 2024年销售额                  # {{ data… }} 插入数据目录中的数值：
    value: "{{ data.sales[year=2024].amount }}百万元"   # year 为 2024 的行的 amount 列
  - label: 比上年增长
    value: "{{ data.sales[year=2024].growth | signed | pct }}"   # 过滤器：fmt ".1f"、pct、signed、cn_unit

# 页面按阅读顺序列出，路径相对于本文件。
# front:                                # 第1章之前不编号的页面（前言、综述等）
#   - front/preface.md
chapters:                               # 编号为第1章、第2章……
  - chapters/01-introduction.md
  - chapters/02-results.md
appendices:                             # 编号为附录A、附录B……
  - appendices/a-about-the-data.md

# labels:                               # 可选：改变图、表的编号格式
#   figure: "图{chapter}-{n}"
#   table: "表{chapter}-{n}"
)yml";

constexpr const char* kIntroZh = R"md(---
title: 引言
slug: introduction
summary: 本示例报告的内容和结构。
---

## 关于本报告 {#about}

这是由 `annalist new` 生成的示例报告。文中所有数字都取自数据文件 `data/sales.csv`，因此正文、图和表始终一致。2024年销售额达到{{ data.sales[year=2024].amount | fmt ".1f" }}百万元，比2023年增长{{ data.sales[year=2024].growth | pct }}。[^madeup]

各项结果见@ch:results：变化趋势见@fig:sales-trend，完整数据见@tbl:sales-data。数据的采集方法见@sec:method。

## 方法 {#method}

每年的销售额为当年开具的全部发票金额之和。增速为比上年增长的百分比。

### 未包含的内容 {#exclusions}

退货和内部调拨不计入销售额。数据文件本身的说明见@ch:about-the-data。

[^madeup]: 本项目中的所有数字均为示例虚构数据，请替换为您自己的数据。
)md";

constexpr const char* kResultsZh = R"md(---
title: 主要结果
slug: results
summary: 2020—2024年的销售额及增速，以图和表呈现。
---

## 五年销售额变化 {#trend}

销售额逐年增长，从2020年的{{ data.sales[year=2020].amount }}百万元增至2024年的{{ data.sales[year=2024].amount }}百万元（见@fig:sales-trend）。2024年增速为{{ data.sales[year=2024].growth | signed | pct }}，2023年为{{ data.sales[year=2023].growth | pct }}。

```chart
id: sales-trend
type: combo
title: 2020—2024年销售额及增速
data: sales
x: year
y: [amount]
y2: growth
unit: 百万元
y2unit: "%"
labels: true
source: 示例数据（虚构）
note: 柱形为销售额（左轴），折线为比上年增速（右轴）。
```

### 逐年数据 {#by-year}

@tbl:sales-data 列出了与上图相同的数据。

```table
id: sales-data
data: sales
caption: 各年销售额及增速
columns:
  - {key: year, label: 年份}
  - {key: amount, label: 销售额（百万元）, format: ".1f"}
  - {key: growth, label: 比上年增长（%）, format: ".1f"}
source: 示例数据（虚构）
```

## 分地区销售额 {#regions}

直接用 Markdown 书写的表格，如果后面跟着标题段落，也会获得编号（见@tbl:regions）。[^regions]

| 地区 | 销售额占比（%） | 门店数 |
|:-----|--------------:|------:|
| 北区 | 38.5          | 120   |
| 南区 | 33.0          | 96    |
| 西区 | 28.5          | 71    |

表：2024年分地区销售额 {#tbl:regions}

这些数字的统计方法见@ch:introduction的@sec:method。

[^regions]: 分地区数据同样为虚构，并非取自数据文件。
)md";

constexpr const char* kAppendixZh = R"md(---
title: 数据说明
slug: about-the-data
summary: 示例数字的来源及替换方法。
---

## 数据文件 {#data-file}

@fig:sales-trend 和@tbl:sales-data 都读取 `data/sales.csv`。该文件每年一行，共三列：`year`（年份）、`amount`（销售额，百万元）和 `growth`（比上年增长，%）。`data/_catalog.yml` 为数据集提供标题和来源，显示在数据附录中。

## 替换数字 {#replacing}

修改 `data/sales.csv` 后重新生成：正文、图、表和封面会一起更新。文件中最近的年份是{{ data.sales[4].year }}年。
)md";

constexpr const char* kCatalogZh = R"yml(# _catalog.yml 为本目录中的数据集提供说明，显示在数据附录（data.html）中。
# 键为不带扩展名的文件名；字段：title、source、origin、unit、note。
# 名称以“_”开头的文件和目录（如本文件）不是数据集。
sales:
  title: 2020—2024年销售额及增速
  source: 示例数据（由 annalist new 虚构）
  origin: 为示例项目编造；请在此说明您的数字从何而来
  unit: amount 为百万元；growth 为比上年增长（%）
)yml";

constexpr const char* kReadmeZh = R"md(# 示例年度报告

本目录是由 `annalist new` 生成的 annalist 报告项目，可以直接生成网站：

    annalist build .          # 输出到 _site/（打开 _site/index.html）
    annalist check .          # 只检查：每个问题都给出 文件:行:列
    annalist serve .          # 在浏览器中预览，文件改动后自动重新生成

`data/sales.csv` 中的数字是虚构的。请替换为您自己的数据，并相应修改正文。

## 目录结构

| 路径 | 内容 |
|------|------|
| `report.yml` | 设置：标题、语言、页面列表。每个键都有注释说明。 |
| `chapters/*.md` | 编号的各章（第1章、第2章……），使用 GitHub 风格的 Markdown。 |
| `appendices/*.md` | 按字母编号的附录（附录A、附录B……）。 |
| `data/` | 图、表和正文使用的数据文件（`.csv`、`.json`、`.yaml`）。 |
| `data/_catalog.yml` | 各数据集的标题、来源和出处，用于数据附录。 |

## 编写页面

页面开头可以有 front matter：`title`（标题）、`slug`（页面文件名，也是 `@ch:slug` 中的名称）和 `summary`（摘要）。给出 `title` 后不要再用 `#` 重复标题。

- `## 标题 {#id}` 是编号的节（1.1）；`###` 为 1.1.1；`####` 不编号。
- 脚注：正文中写 `文字[^note]`，页面任意位置写 `[^note]: 脚注内容。`
- 交叉引用：`@fig:id`、`@tbl:id`、`@sec:id`、`@ch:slug` 会变成带编号的链接（图2-1、表2-1、1.2节、第2章）；`[自定义文字](@fig:id)` 保留您的文字。
- 原始 HTML（包括 `<!-- 注释 -->`）默认按文字显示；写给自己的说明请放在本 README 或 YAML 注释中。

## 引用数据中的数字

`{{ data.sales[year=2024].amount }}` 插入 `data/sales.csv` 中 `year` 为 2024 的行的 `amount` 列；`data.sales[0]` 为第一行。YAML 和 JSON 文件按键访问：`{{ data.summary.total }}`。`|` 后接过滤器：`fmt ".1f"`（小数位）、`pct`（加 %）、`signed`（正数加 +）、`cn_unit`（万/亿）。路径写错会在 文件:行:列 处报错。

## 图和表

信息字符串为 `chart` 的代码块中用 YAML 描述一张图：

    ```chart
    id: sales-trend          # 锚点 fig-sales-trend，用 @fig:sales-trend 引用
    type: combo              # bar | stacked | hbar | line | area | pie | donut | combo | scatter
    title: 销售额及增速
    data: sales              # 数据文件路径，不带扩展名
    x: year                  # 分类列
    y: [amount]              # 一个或多个数值列
    y2: growth               # 仅 combo：右轴上的折线
    unit: 百万元
    y2unit: "%"
    labels: true             # 在柱形和数据点上显示数值
    source: 数据来源
    note: 图下方的注释（可选）
    ```

`table` 代码块显示数据集中的列（字段 `id`、`data`、`caption`、`columns`（含 `key`、`label`、`format`）、`source`、`note`）。普通 Markdown 表格后空一行接标题段落 `表：标题 {#tbl:id}` 即可获得编号。`figure` 代码块（`id`、`title`、`source`、`note`）为没有数据的图保留编号位置。
)md";

// ---- shared -------------------------------------------------------------------------------

constexpr const char* kSalesCsv =
    "year,amount,growth\n"
    "2020,120.5,3.2\n"
    "2021,131.2,8.9\n"
    "2022,140.8,7.3\n"
    "2023,152.6,8.4\n"
    "2024,160.1,4.9\n";

constexpr const char* kGitignore = "_site/\n";

// Creates path with its parent directories; never replaces an existing file.
bool write_new_file(const std::filesystem::path& path, const std::string& content, std::string* why) {
  std::error_code ec;
  std::filesystem::create_directories(path.parent_path(), ec);
  if (ec) {
    *why = ec.message();
    return false;
  }
  FILE* f = std::fopen(path.c_str(), "wbx");  // "x": fail when the file exists
  if (!f) {
    *why = std::strerror(errno);
    return false;
  }
  bool ok = std::fwrite(content.data(), 1, content.size(), f) == content.size();
  ok = std::fclose(f) == 0 && ok;
  if (!ok) *why = "write failed";
  return ok;
}

}  // namespace

bool scaffold_language_supported(const std::string& lang) { return lang.empty() || lang == "en" || lang == "zh-CN"; }

std::vector<ScaffoldFile> scaffold_files(const std::string& lang) {
  bool zh = lang == "zh-CN";
  return {
      {"report.yml", zh ? kReportZh : kReportEn},
      {"README.md", zh ? kReadmeZh : kReadmeEn},
      {"chapters/01-introduction.md", zh ? kIntroZh : kIntroEn},
      {"chapters/02-results.md", zh ? kResultsZh : kResultsEn},
      {"appendices/a-about-the-data.md", zh ? kAppendixZh : kAppendixEn},
      {"data/sales.csv", kSalesCsv},
      {"data/_catalog.yml", zh ? kCatalogZh : kCatalogEn},
      {".gitignore", kGitignore},
  };
}

int run_new_command(const std::string& dir, const std::string& lang, std::ostream& out, std::ostream& err) {
  namespace stdfs = std::filesystem;
  if (!scaffold_language_supported(lang)) {
    err << "annalist new: unknown language '" << lang << "'\n  hint: use --lang en or --lang zh-CN\n";
    return 2;
  }
  if (dir.empty()) {
    err << "annalist new: no directory given\n  hint: annalist new my-report\n";
    return 2;
  }
  std::error_code ec;
  stdfs::path root(dir);
  if (stdfs::exists(root, ec)) {
    if (!stdfs::is_directory(root, ec)) {
      err << "annalist new: '" << dir << "' exists and is not a directory\n"
          << "  hint: choose a new directory name\n";
      return 1;
    }
    if (!stdfs::is_empty(root, ec) || ec) {
      err << "annalist new: '" << dir << "' is not empty; nothing was written\n"
          << "  hint: choose a new directory name, or an empty directory\n";
      return 1;
    }
  }
  auto files = scaffold_files(lang);
  for (const auto& f : files) {
    std::string why;
    if (!write_new_file(root / f.path, f.content, &why)) {
      err << "annalist new: cannot create '" << (root / f.path).generic_string() << "': " << why << "\n";
      return 1;
    }
  }
  out << "Created a new report project in " << dir << ":\n";
  for (const auto& f : files) out << "  " << f.path << "\n";
  out << "Next:\n"
      << "  annalist build " << dir << "    # writes " << (root / "_site").generic_string() << "/index.html\n"
      << "  annalist serve " << dir << "    # preview, rebuilt on every change\n"
      << "The numbers in data/sales.csv are made up: replace them with your own.\n";
  return 0;
}

}  // namespace annalist

#pragma once
// `annalist diff`: compares two built sites page by page on their visible text and numbers.
// The public header of the diff library; each stage has its own pair:
//   visible_text   HTML page -> text blocks
//   myers_diff     edit scripts and hunks
//   number_scan    the numbers of a text
//   block_pairing  which old block became which new one; changed words
//   number_changes the numbers that changed on a page
//   site_compare   two site trees -> SiteDiff
//   diff_text, diff_html  the review (diff_report: what both share)
#include "diff_html.h"
#include "diff_text.h"
#include "block_pairing.h"
#include "number_scan.h"
#include "site_compare.h"

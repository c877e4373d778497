# The print stylesheet no longer starts chapters on a new page.
printf '@media print { .print-chapter { break-before: auto !important; } }\n' >> assets/style.css

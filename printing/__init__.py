"""The papers and files the counter produces: slips, forms, register, reports, card data."""

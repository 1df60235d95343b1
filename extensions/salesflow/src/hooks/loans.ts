// Loans (借出), loan returns and loan conversions: see the loans brief.

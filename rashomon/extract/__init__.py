"""Extract stage: turn analysed documents into `Account`s with figure, perpetrator, date and place claims."""

"""Reference data: administrative units (legacy and 2025), VSCO occupations, VSIC industries,
vocational training occupations, qualification levels and the skills taxonomy.

``models`` defines the tables, ``loader`` fills them (``flask ref load``), ``services`` answers
other domains' questions, ``views`` serves the public autocomplete endpoints.
"""

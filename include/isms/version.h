#ifndef ISMS_VERSION_H
#define ISMS_VERSION_H

#define ISMS_NAME    "isms-audit"
#define ISMS_VERSION "0.1.0"
#define ISMS_URI     "https://github.com/isms-audit/isms-audit"

#endif

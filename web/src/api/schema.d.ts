// Generated from the API's OpenAPI document by scripts/generate-api-client.ts: do not edit.
// Regenerate with `npm run generate:api` after changing a route.
export interface paths {
    "/api/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who you are, your organization and your access to it */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description what went wrong and what to do */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description what went wrong and what to do */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description send in x-csrf-token with every change made through the session */
                            csrfToken: string | null;
                            /** @description what to do next, when something is missing */
                            next: string | null;
                            organization: {
                                access: "administrator" | "full" | "none";
                                displayName: string;
                                id: string;
                            } | null;
                            reseller: {
                                displayName: string;
                                id: string;
                            } | null;
                            user: {
                                displayName: string;
                                tenantAdministrator: boolean;
                                tenantId: string;
                                userId: string;
                                userPrincipalName: string;
                            };
                            via: "session" | "token";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/organizations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Organizations you may see: your own tenant’s and, for reseller staff, the reseller’s customers */
        get: {
            parameters: {
                query?: {
                    pageSize?: number;
                    pageToken?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description what went wrong and what to do */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description what went wrong and what to do */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @description where an administrator grants the consents that are missing */
                                adminConsentUrls: {
                                    /** @description grant (or complete) consent to the backup app */
                                    backupApp: string | null;
                                    /** @description let every user of the tenant sign in */
                                    signInApp: string | null;
                                };
                                connection: {
                                    clientId: string;
                                    kind: "consent" | "manual";
                                };
                                /** Format: date-time */
                                createdAt: string;
                                displayName: string;
                                health: {
                                    /** Format: date-time */
                                    checkedAt: string;
                                    /** @description the identity platform issued an app token for the tenant */
                                    connected: boolean;
                                    error: string | null;
                                    grantedPermissions: string[];
                                    /** @description needed for backup and restore, not granted */
                                    missingPermissions: string[];
                                    /** @description who may sign in to tenantvault from the tenant: everyone, some users, nobody, or unknown */
                                    signInConsent: "organization" | "some-users" | "none" | "unknown";
                                } | null;
                                id: string;
                                policyId: string | null;
                                resellerId: string | null;
                                tenantId: string;
                                /** Format: date-time */
                                updatedAt: string;
                            }[];
                            /** @description pass as pageToken for the next page */
                            nextPageToken: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Connect a tenant with its own app registration (verified by acquiring a token) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        certificatePem?: string;
                        /** @description application (client) id of the app registration */
                        clientId: string;
                        clientSecret?: string;
                        privateKeyPem?: string;
                        /** @description connect it as a customer of this reseller */
                        resellerId?: string | null;
                        tenantId: string;
                    };
                };
            };
            responses: {
                /** @description what went wrong and what to do */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description what went wrong and what to do */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description where an administrator grants the consents that are missing */
                            adminConsentUrls: {
                                /** @description grant (or complete) consent to the backup app */
                                backupApp: string | null;
                                /** @description let every user of the tenant sign in */
                                signInApp: string | null;
                            };
                            connection: {
                                clientId: string;
                                kind: "consent" | "manual";
                            };
                            /** Format: date-time */
                            createdAt: string;
                            displayName: string;
                            health: {
                                /** Format: date-time */
                                checkedAt: string;
                                /** @description the identity platform issued an app token for the tenant */
                                connected: boolean;
                                error: string | null;
                                grantedPermissions: string[];
                                /** @description needed for backup and restore, not granted */
                                missingPermissions: string[];
                                /** @description who may sign in to tenantvault from the tenant: everyone, some users, nobody, or unknown */
                                signInConsent: "organization" | "some-users" | "none" | "unknown";
                            } | null;
                            id: string;
                            policyId: string | null;
                            resellerId: string | null;
                            tenantId: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/organizations/{organizationId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One organization, its connection’s health and the consents it lacks */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    organizationId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description what went wrong and what to do */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description what went wrong and what to do */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description where an administrator grants the consents that are missing */
                            adminConsentUrls: {
                                /** @description grant (or complete) consent to the backup app */
                                backupApp: string | null;
                                /** @description let every user of the tenant sign in */
                                signInApp: string | null;
                            };
                            connection: {
                                clientId: string;
                                kind: "consent" | "manual";
                            };
                            /** Format: date-time */
                            createdAt: string;
                            displayName: string;
                            health: {
                                /** Format: date-time */
                                checkedAt: string;
                                /** @description the identity platform issued an app token for the tenant */
                                connected: boolean;
                                error: string | null;
                                grantedPermissions: string[];
                                /** @description needed for backup and restore, not granted */
                                missingPermissions: string[];
                                /** @description who may sign in to tenantvault from the tenant: everyone, some users, nobody, or unknown */
                                signInConsent: "organization" | "some-users" | "none" | "unknown";
                            } | null;
                            id: string;
                            policyId: string | null;
                            resellerId: string | null;
                            tenantId: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/organizations/{organizationId}/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The organization’s audit log, newest first */
        get: {
            parameters: {
                query?: {
                    action?: string;
                    from?: string;
                    pageSize?: number;
                    pageToken?: string;
                    to?: string;
                };
                header?: never;
                path: {
                    organizationId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description what went wrong and what to do */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description what went wrong and what to do */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                action: string;
                                actor: {
                                    name: string;
                                    tenantId: string;
                                    /** @description the API token used, if any */
                                    tokenId: string | null;
                                    userId: string;
                                };
                                /** Format: date-time */
                                at: string;
                                details: {
                                    [key: string]: unknown;
                                } | null;
                                ip: string;
                                organizationId: string | null;
                                resellerId: string | null;
                                seq: number;
                                target: string | null;
                                userAgent: string | null;
                            }[];
                            /** @description pass as pageToken for the next page */
                            nextPageToken: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/organizations/{organizationId}/audit/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Download the organization’s audit log, oldest first (JSON Lines or CSV) */
        get: {
            parameters: {
                query?: {
                    action?: string;
                    format?: "jsonl" | "csv";
                    from?: string;
                    to?: string;
                };
                header?: never;
                path: {
                    organizationId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/organizations/{organizationId}/connection": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Connect the organization through (another) app registration of its own */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    organizationId: string;
                };
                cookie?: never;
            };
            /** @description a client secret, or a certificate with its private key (PEM) */
            requestBody: {
                content: {
                    "application/json": {
                        certificatePem?: string;
                        /** @description application (client) id of the app registration */
                        clientId: string;
                        clientSecret?: string;
                        privateKeyPem?: string;
                    };
                };
            };
            responses: {
                /** @description what went wrong and what to do */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description what went wrong and what to do */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description where an administrator grants the consents that are missing */
                            adminConsentUrls: {
                                /** @description grant (or complete) consent to the backup app */
                                backupApp: string | null;
                                /** @description let every user of the tenant sign in */
                                signInApp: string | null;
                            };
                            connection: {
                                clientId: string;
                                kind: "consent" | "manual";
                            };
                            /** Format: date-time */
                            createdAt: string;
                            displayName: string;
                            health: {
                                /** Format: date-time */
                                checkedAt: string;
                                /** @description the identity platform issued an app token for the tenant */
                                connected: boolean;
                                error: string | null;
                                grantedPermissions: string[];
                                /** @description needed for backup and restore, not granted */
                                missingPermissions: string[];
                                /** @description who may sign in to tenantvault from the tenant: everyone, some users, nobody, or unknown */
                                signInConsent: "organization" | "some-users" | "none" | "unknown";
                            } | null;
                            id: string;
                            policyId: string | null;
                            resellerId: string | null;
                            tenantId: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/organizations/{organizationId}/connection/check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Check the connection now: token, granted and missing permissions, sign-in consent */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    organizationId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description what went wrong and what to do */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description what went wrong and what to do */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description where an administrator grants the consents that are missing */
                            adminConsentUrls: {
                                /** @description grant (or complete) consent to the backup app */
                                backupApp: string | null;
                                /** @description let every user of the tenant sign in */
                                signInApp: string | null;
                            };
                            connection: {
                                clientId: string;
                                kind: "consent" | "manual";
                            };
                            /** Format: date-time */
                            createdAt: string;
                            displayName: string;
                            health: {
                                /** Format: date-time */
                                checkedAt: string;
                                /** @description the identity platform issued an app token for the tenant */
                                connected: boolean;
                                error: string | null;
                                grantedPermissions: string[];
                                /** @description needed for backup and restore, not granted */
                                missingPermissions: string[];
                                /** @description who may sign in to tenantvault from the tenant: everyone, some users, nobody, or unknown */
                                signInConsent: "organization" | "some-users" | "none" | "unknown";
                            } | null;
                            id: string;
                            policyId: string | null;
                            resellerId: string | null;
                            tenantId: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/organizations/{organizationId}/directory/diff": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What changed between two snapshots, or (to=live) between a snapshot and the live tenant
         * @description Added, removed and changed objects with attribute-level old and new values and relationship changes, in pages. Comparing with the live tenant reads it through Graph: name the objects (ids) or one type.
         */
        get: {
            parameters: {
                query?: {
                    /** @description older side (default previous) */
                    from?: string;
                    /** @description comma-separated object ids */
                    ids?: string;
                    pageSize?: number;
                    pageToken?: string;
                    /** @description newer side (default latest), or live */
                    to?: string;
                    type?: "users" | "groups" | "builtInRoles" | "customRoles" | "applications" | "servicePrincipals" | "conditionalAccessPolicies" | "namedLocations" | "devices" | "deviceConfigurations" | "deviceCompliancePolicies" | "administrativeUnits" | "signInLogs" | "auditLogs" | "bitlockerKeys";
                };
                header?: never;
                path: {
                    organizationId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description what went wrong and what to do */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description what went wrong and what to do */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                change: "added" | "removed" | "changed";
                                displayName: string | null;
                                entries?: {
                                    after: number;
                                    before: number;
                                };
                                id: string;
                                properties?: {
                                    new: unknown;
                                    old: unknown;
                                    property: string;
                                }[];
                                relationships?: {
                                    added: string[];
                                    relationship: string;
                                    removed: string[];
                                }[];
                                /** @enum {string} */
                                type: "users" | "groups" | "builtInRoles" | "customRoles" | "applications" | "servicePrincipals" | "conditionalAccessPolicies" | "namedLocations" | "devices" | "deviceConfigurations" | "deviceCompliancePolicies" | "administrativeUnits" | "signInLogs" | "auditLogs" | "bitlockerKeys";
                            }[];
                            /** @description pass as pageToken for the next page */
                            nextPageToken: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/organizations/{organizationId}/directory/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Export a snapshot’s objects (and log entries) as JSON Lines, one object per line */
        get: {
            parameters: {
                query?: {
                    /** @description snapshot: a number, latest (default), previous, latest~N, a date or a time */
                    at?: string;
                    type?: "users" | "groups" | "builtInRoles" | "customRoles" | "applications" | "servicePrincipals" | "conditionalAccessPolicies" | "namedLocations" | "devices" | "deviceConfigurations" | "deviceCompliancePolicies" | "administrativeUnits" | "signInLogs" | "auditLogs" | "bitlockerKeys";
                };
                header?: never;
                path: {
                    organizationId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/organizations/{organizationId}/directory/items": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The objects of a snapshot, by type and id; search by display name or id */
        get: {
            parameters: {
                query?: {
                    /** @description snapshot: a number, latest (default), previous, latest~N, a date or a time */
                    at?: string;
                    pageSize?: number;
                    pageToken?: string;
                    search?: string;
                    type?: "users" | "groups" | "builtInRoles" | "customRoles" | "applications" | "servicePrincipals" | "conditionalAccessPolicies" | "namedLocations" | "devices" | "deviceConfigurations" | "deviceCompliancePolicies" | "administrativeUnits" | "signInLogs" | "auditLogs" | "bitlockerKeys";
                };
                header?: never;
                path: {
                    organizationId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description what went wrong and what to do */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description what went wrong and what to do */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                displayName: string | null;
                                /** Format: date-time */
                                firstSeenAt: string;
                                id: string;
                                /** Format: date-time */
                                lastSeenAt: string;
                                /** @enum {string} */
                                type: "users" | "groups" | "builtInRoles" | "customRoles" | "applications" | "servicePrincipals" | "conditionalAccessPolicies" | "namedLocations" | "devices" | "deviceConfigurations" | "deviceCompliancePolicies" | "administrativeUnits" | "signInLogs" | "auditLogs" | "bitlockerKeys";
                                versionHash: string;
                            }[];
                            /** @description pass as pageToken for the next page */
                            nextPageToken: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/organizations/{organizationId}/directory/items/{type}/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One object as a snapshot holds it: every property and relationship (a log day: its entries) */
        get: {
            parameters: {
                query?: {
                    /** @description snapshot: a number, latest (default), previous, latest~N, a date or a time */
                    at?: string;
                };
                header?: never;
                path: {
                    id: string;
                    organizationId: string;
                    type: "users" | "groups" | "builtInRoles" | "customRoles" | "applications" | "servicePrincipals" | "conditionalAccessPolicies" | "namedLocations" | "devices" | "deviceConfigurations" | "deviceCompliancePolicies" | "administrativeUnits" | "signInLogs" | "auditLogs" | "bitlockerKeys";
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description what went wrong and what to do */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description what went wrong and what to do */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description {type, id, object, relationships}; for a day of a log {type, id, entries} */
                            item: unknown;
                            snapshot: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/organizations/{organizationId}/directory/items/{type}/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every version of an object across snapshots, each with what changed from the one before */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    organizationId: string;
                    type: "users" | "groups" | "builtInRoles" | "customRoles" | "applications" | "servicePrincipals" | "conditionalAccessPolicies" | "namedLocations" | "devices" | "deviceConfigurations" | "deviceCompliancePolicies" | "administrativeUnits" | "signInLogs" | "auditLogs" | "bitlockerKeys";
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description what went wrong and what to do */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description what went wrong and what to do */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            latestSnapshot: number;
                            versions: {
                                changes?: {
                                    entries?: {
                                        after: number;
                                        before: number;
                                    };
                                    properties?: {
                                        new: unknown;
                                        old: unknown;
                                        property: string;
                                    }[];
                                    relationships?: {
                                        added: string[];
                                        relationship: string;
                                        removed: string[];
                                    }[];
                                };
                                displayName: string | null;
                                /** Format: date-time */
                                firstSeenAt: string;
                                firstSnapshot: number;
                                /** Format: date-time */
                                lastSeenAt: string;
                                lastSnapshot: number;
                                versionHash: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/organizations/{organizationId}/directory/snapshots": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Snapshots of the Entra ID backup, newest first */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    organizationId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description what went wrong and what to do */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description what went wrong and what to do */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            snapshots: {
                                added: number;
                                changed: number;
                                /** Format: date-time */
                                finishedAt: string | null;
                                items: number;
                                removed: number;
                                seq: number;
                                /** Format: date-time */
                                startedAt: string;
                                status: string;
                                /** @description per-type counts and request counters */
                                summary: unknown;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/organizations/{organizationId}/directory/types": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The object types of a snapshot with their counts */
        get: {
            parameters: {
                query?: {
                    /** @description snapshot: a number, latest (default), previous, latest~N, a date or a time */
                    at?: string;
                };
                header?: never;
                path: {
                    organizationId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description what went wrong and what to do */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description what went wrong and what to do */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            snapshot: {
                                added: number;
                                changed: number;
                                /** Format: date-time */
                                finishedAt: string | null;
                                items: number;
                                removed: number;
                                seq: number;
                                /** Format: date-time */
                                startedAt: string;
                                status: string;
                                /** @description per-type counts and request counters */
                                summary: unknown;
                            };
                            types: {
                                count: number;
                                type: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/organizations/{organizationId}/jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The organization’s jobs, newest first */
        get: {
            parameters: {
                query?: {
                    kind?: "backup" | "restore" | "check" | "retention";
                    pageSize?: number;
                    pageToken?: string;
                    state?: "queued" | "running" | "succeeded" | "partial" | "failed" | "cancelled";
                };
                header?: never;
                path: {
                    organizationId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description what went wrong and what to do */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description what went wrong and what to do */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @description attempts started so far */
                                attempt: number;
                                cancelRequested: boolean;
                                /** Format: date-time */
                                createdAt: string;
                                durationMs: number | null;
                                /** @description why the last attempt failed */
                                error: string | null;
                                /** Format: date-time */
                                finishedAt: string | null;
                                id: string;
                                /** @enum {string} */
                                kind: "backup" | "restore" | "check" | "retention";
                                /** @description what the job last reported (per-type counters for backups) */
                                progress: unknown;
                                /** @description what was asked: the body that started the job */
                                request: unknown;
                                /** @description what the job produced: the snapshot, the plan, the report */
                                result: unknown;
                                retryLimit: number;
                                /** Format: date-time */
                                startedAt: string | null;
                                /** @enum {string} */
                                state: "queued" | "running" | "succeeded" | "partial" | "failed" | "cancelled";
                                /** @description the worker running it (host:pid:tag), while running */
                                worker: string | null;
                            }[];
                            /** @description pass as pageToken for the next page */
                            nextPageToken: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/organizations/{organizationId}/jobs/{jobId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One job */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    jobId: string;
                    organizationId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description what went wrong and what to do */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description what went wrong and what to do */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description attempts started so far */
                            attempt: number;
                            cancelRequested: boolean;
                            /** Format: date-time */
                            createdAt: string;
                            durationMs: number | null;
                            /** @description why the last attempt failed */
                            error: string | null;
                            /** Format: date-time */
                            finishedAt: string | null;
                            id: string;
                            /** @enum {string} */
                            kind: "backup" | "restore" | "check" | "retention";
                            /** @description what the job last reported (per-type counters for backups) */
                            progress: unknown;
                            /** @description what was asked: the body that started the job */
                            request: unknown;
                            /** @description what the job produced: the snapshot, the plan, the report */
                            result: unknown;
                            retryLimit: number;
                            /** Format: date-time */
                            startedAt: string | null;
                            /** @enum {string} */
                            state: "queued" | "running" | "succeeded" | "partial" | "failed" | "cancelled";
                            /** @description the worker running it (host:pid:tag), while running */
                            worker: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/organizations/{organizationId}/jobs/{jobId}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel a job: at once while queued; a running job stops at its next step */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    jobId: string;
                    organizationId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description what went wrong and what to do */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description what went wrong and what to do */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description attempts started so far */
                            attempt: number;
                            cancelRequested: boolean;
                            /** Format: date-time */
                            createdAt: string;
                            durationMs: number | null;
                            /** @description why the last attempt failed */
                            error: string | null;
                            /** Format: date-time */
                            finishedAt: string | null;
                            id: string;
                            /** @enum {string} */
                            kind: "backup" | "restore" | "check" | "retention";
                            /** @description what the job last reported (per-type counters for backups) */
                            progress: unknown;
                            /** @description what was asked: the body that started the job */
                            request: unknown;
                            /** @description what the job produced: the snapshot, the plan, the report */
                            result: unknown;
                            retryLimit: number;
                            /** Format: date-time */
                            startedAt: string | null;
                            /** @enum {string} */
                            state: "queued" | "running" | "succeeded" | "partial" | "failed" | "cancelled";
                            /** @description the worker running it (host:pid:tag), while running */
                            worker: string | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/organizations/{organizationId}/jobs/{jobId}/logs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A job’s log lines after a sequence number (all without one) */
        get: {
            parameters: {
                query?: {
                    after?: number;
                };
                header?: never;
                path: {
                    jobId: string;
                    organizationId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description what went wrong and what to do */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description what went wrong and what to do */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            lines: {
                                /** Format: date-time */
                                at: string;
                                attempt: number;
                                line: string;
                                seq: number;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/organizations/{organizationId}/jobs/{jobId}/temporary-passwords": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The temporary passwords a restore gave re-created users (each must be changed at sign-in) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    jobId: string;
                    organizationId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description what went wrong and what to do */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description what went wrong and what to do */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            passwords: {
                                password: string;
                                userPrincipalName: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/organizations/{organizationId}/jobs/backup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Back up now */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description the same key returns the job made with it */
                    "idempotency-key"?: string;
                };
                path: {
                    organizationId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description back up only these object types now (default: those the settings turn on) */
                        objectTypes?: ("users" | "groups" | "builtInRoles" | "customRoles" | "applications" | "servicePrincipals" | "conditionalAccessPolicies" | "devices" | "deviceConfigurations" | "deviceCompliancePolicies" | "administrativeUnits" | "signInLogs" | "auditLogs" | "bitlockerKeys")[];
                    };
                };
            };
            responses: {
                /** @description what went wrong and what to do */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description what went wrong and what to do */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description false: an equal job was running (or the key was used) and is returned */
                            created: boolean;
                            job: {
                                /** @description attempts started so far */
                                attempt: number;
                                cancelRequested: boolean;
                                /** Format: date-time */
                                createdAt: string;
                                durationMs: number | null;
                                /** @description why the last attempt failed */
                                error: string | null;
                                /** Format: date-time */
                                finishedAt: string | null;
                                id: string;
                                /** @enum {string} */
                                kind: "backup" | "restore" | "check" | "retention";
                                /** @description what the job last reported (per-type counters for backups) */
                                progress: unknown;
                                /** @description what was asked: the body that started the job */
                                request: unknown;
                                /** @description what the job produced: the snapshot, the plan, the report */
                                result: unknown;
                                retryLimit: number;
                                /** Format: date-time */
                                startedAt: string | null;
                                /** @enum {string} */
                                state: "queued" | "running" | "succeeded" | "partial" | "failed" | "cancelled";
                                /** @description the worker running it (host:pid:tag), while running */
                                worker: string | null;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/organizations/{organizationId}/jobs/check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Check the repository */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description the same key returns the job made with it */
                    "idempotency-key"?: string;
                };
                path: {
                    organizationId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description also read and verify every blob */
                        readData?: boolean;
                    };
                };
            };
            responses: {
                /** @description what went wrong and what to do */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description what went wrong and what to do */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description false: an equal job was running (or the key was used) and is returned */
                            created: boolean;
                            job: {
                                /** @description attempts started so far */
                                attempt: number;
                                cancelRequested: boolean;
                                /** Format: date-time */
                                createdAt: string;
                                durationMs: number | null;
                                /** @description why the last attempt failed */
                                error: string | null;
                                /** Format: date-time */
                                finishedAt: string | null;
                                id: string;
                                /** @enum {string} */
                                kind: "backup" | "restore" | "check" | "retention";
                                /** @description what the job last reported (per-type counters for backups) */
                                progress: unknown;
                                /** @description what was asked: the body that started the job */
                                request: unknown;
                                /** @description what the job produced: the snapshot, the plan, the report */
                                result: unknown;
                                retryLimit: number;
                                /** Format: date-time */
                                startedAt: string | null;
                                /** @enum {string} */
                                state: "queued" | "running" | "succeeded" | "partial" | "failed" | "cancelled";
                                /** @description the worker running it (host:pid:tag), while running */
                                worker: string | null;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/organizations/{organizationId}/jobs/restore": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Restore objects from a snapshot (plan first with dryRun) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description the same key returns the job made with it */
                    "idempotency-key"?: string;
                };
                path: {
                    organizationId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description snapshot: a number, latest, previous, latest~N, a date or a time */
                        at: string;
                        /** @description plan only: the result lists every write, and nothing is written */
                        dryRun: boolean;
                        ids?: string[];
                        /** @description re-created users: disabled (default), or with a temporary password to change */
                        newUsers?: "disabled" | "temporary-password";
                        types?: ("users" | "groups" | "builtInRoles" | "customRoles" | "applications" | "servicePrincipals" | "conditionalAccessPolicies" | "namedLocations" | "devices" | "deviceConfigurations" | "deviceCompliancePolicies" | "administrativeUnits" | "signInLogs" | "auditLogs" | "bitlockerKeys")[];
                    };
                };
            };
            responses: {
                /** @description what went wrong and what to do */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description what went wrong and what to do */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description false: an equal job was running (or the key was used) and is returned */
                            created: boolean;
                            job: {
                                /** @description attempts started so far */
                                attempt: number;
                                cancelRequested: boolean;
                                /** Format: date-time */
                                createdAt: string;
                                durationMs: number | null;
                                /** @description why the last attempt failed */
                                error: string | null;
                                /** Format: date-time */
                                finishedAt: string | null;
                                id: string;
                                /** @enum {string} */
                                kind: "backup" | "restore" | "check" | "retention";
                                /** @description what the job last reported (per-type counters for backups) */
                                progress: unknown;
                                /** @description what was asked: the body that started the job */
                                request: unknown;
                                /** @description what the job produced: the snapshot, the plan, the report */
                                result: unknown;
                                retryLimit: number;
                                /** Format: date-time */
                                startedAt: string | null;
                                /** @enum {string} */
                                state: "queued" | "running" | "succeeded" | "partial" | "failed" | "cancelled";
                                /** @description the worker running it (host:pid:tag), while running */
                                worker: string | null;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/organizations/{organizationId}/jobs/retention": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Apply retention now: forget old snapshots and prune */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description the same key returns the job made with it */
                    "idempotency-key"?: string;
                };
                path: {
                    organizationId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": Record<string, never>;
                };
            };
            responses: {
                /** @description what went wrong and what to do */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description what went wrong and what to do */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description false: an equal job was running (or the key was used) and is returned */
                            created: boolean;
                            job: {
                                /** @description attempts started so far */
                                attempt: number;
                                cancelRequested: boolean;
                                /** Format: date-time */
                                createdAt: string;
                                durationMs: number | null;
                                /** @description why the last attempt failed */
                                error: string | null;
                                /** Format: date-time */
                                finishedAt: string | null;
                                id: string;
                                /** @enum {string} */
                                kind: "backup" | "restore" | "check" | "retention";
                                /** @description what the job last reported (per-type counters for backups) */
                                progress: unknown;
                                /** @description what was asked: the body that started the job */
                                request: unknown;
                                /** @description what the job produced: the snapshot, the plan, the report */
                                result: unknown;
                                retryLimit: number;
                                /** Format: date-time */
                                startedAt: string | null;
                                /** @enum {string} */
                                state: "queued" | "running" | "succeeded" | "partial" | "failed" | "cancelled";
                                /** @description the worker running it (host:pid:tag), while running */
                                worker: string | null;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/organizations/{organizationId}/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Where notifications go, which events, and the latest deliveries */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    organizationId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description what went wrong and what to do */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description what went wrong and what to do */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description the latest deliveries, newest first */
                            deliveries: {
                                attempts: number;
                                /** @enum {unknown} */
                                channel: "email" | "webhook";
                                createdAt: string;
                                deliveredAt: string | null;
                                id: string;
                                lastError: string | null;
                                /** @description the same for every channel and retry of one event */
                                notificationId: string;
                                /** @enum {unknown} */
                                state: "pending" | "delivered" | "failed";
                                /** @enum {unknown} */
                                type: "job.failed" | "job.partial" | "consent.revoked" | "backup.overdue" | "test";
                            }[];
                            /** @description the service has an SMTP server to send e-mail through */
                            emailConfigured: boolean;
                            /** @description e-mail recipients */
                            emails: string[];
                            /** @description events notified */
                            events: ("job.failed" | "job.partial" | "consent.revoked" | "backup.overdue")[];
                            webhook: {
                                /** @description deliveries are signed */
                                hasSecret: boolean;
                                /** @description http(s) URL to POST to */
                                url: string;
                            } | null;
                        };
                    };
                };
            };
        };
        /** Replace where notifications go and which events are sent */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    organizationId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description e-mail recipients */
                        emails: string[];
                        /** @description events notified */
                        events: ("job.failed" | "job.partial" | "consent.revoked" | "backup.overdue")[];
                        webhook: {
                            /** @description signs each delivery (HMAC-SHA256); null removes it, leaving it out keeps the stored one */
                            secret?: string | null;
                            /** @description http(s) URL to POST to */
                            url: string;
                        } | null;
                    };
                };
            };
            responses: {
                /** @description what went wrong and what to do */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description what went wrong and what to do */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description the latest deliveries, newest first */
                            deliveries: {
                                attempts: number;
                                /** @enum {unknown} */
                                channel: "email" | "webhook";
                                createdAt: string;
                                deliveredAt: string | null;
                                id: string;
                                lastError: string | null;
                                /** @description the same for every channel and retry of one event */
                                notificationId: string;
                                /** @enum {unknown} */
                                state: "pending" | "delivered" | "failed";
                                /** @enum {unknown} */
                                type: "job.failed" | "job.partial" | "consent.revoked" | "backup.overdue" | "test";
                            }[];
                            /** @description the service has an SMTP server to send e-mail through */
                            emailConfigured: boolean;
                            /** @description e-mail recipients */
                            emails: string[];
                            /** @description events notified */
                            events: ("job.failed" | "job.partial" | "consent.revoked" | "backup.overdue")[];
                            webhook: {
                                /** @description deliveries are signed */
                                hasSecret: boolean;
                                /** @description http(s) URL to POST to */
                                url: string;
                            } | null;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/organizations/{organizationId}/notifications/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a test message to every channel set, now; the answer says how each went */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    organizationId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description what went wrong and what to do */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description what went wrong and what to do */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            results: {
                                /** @enum {unknown} */
                                channel: "email" | "webhook";
                                delivered: boolean;
                                error: string | null;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/organizations/{organizationId}/policy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Follow one of the reseller’s policies, or (null) the organization’s own settings again */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    organizationId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        policyId: string | null;
                    };
                };
            };
            responses: {
                /** @description what went wrong and what to do */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description what went wrong and what to do */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description the policy followed */
                            policy: {
                                id: string;
                                name: string;
                            } | null;
                            settings: {
                                /** @description Entra ID object types backed up, each on or off */
                                objectTypes: {
                                    administrativeUnits: boolean;
                                    applications: boolean;
                                    auditLogs: boolean;
                                    bitlockerKeys: boolean;
                                    builtInRoles: boolean;
                                    conditionalAccessPolicies: boolean;
                                    customRoles: boolean;
                                    deviceCompliancePolicies: boolean;
                                    deviceConfigurations: boolean;
                                    devices: boolean;
                                    groups: boolean;
                                    servicePrincipals: boolean;
                                    signInLogs: boolean;
                                    users: boolean;
                                };
                                /** @description where backups go; null until chosen */
                                repository: {
                                    /** @description a directory or s3://bucket/prefix */
                                    location: string;
                                } | null;
                                retention: {
                                    /** @description newest snapshot of each of N days */
                                    daily: number;
                                    /** @description keep every snapshot this recent */
                                    keepWithinDays: number;
                                    monthly: number;
                                    weekly: number;
                                };
                                schedule: {
                                    /** @description five-field cron pattern */
                                    cron: string;
                                    /** @description IANA time zone, e.g. Europe/Berlin */
                                    timeZone: string;
                                };
                            };
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/organizations/{organizationId}/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The backup settings in force */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    organizationId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description what went wrong and what to do */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description what went wrong and what to do */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description the policy followed */
                            policy: {
                                id: string;
                                name: string;
                            } | null;
                            settings: {
                                /** @description Entra ID object types backed up, each on or off */
                                objectTypes: {
                                    administrativeUnits: boolean;
                                    applications: boolean;
                                    auditLogs: boolean;
                                    bitlockerKeys: boolean;
                                    builtInRoles: boolean;
                                    conditionalAccessPolicies: boolean;
                                    customRoles: boolean;
                                    deviceCompliancePolicies: boolean;
                                    deviceConfigurations: boolean;
                                    devices: boolean;
                                    groups: boolean;
                                    servicePrincipals: boolean;
                                    signInLogs: boolean;
                                    users: boolean;
                                };
                                /** @description where backups go; null until chosen */
                                repository: {
                                    /** @description a directory or s3://bucket/prefix */
                                    location: string;
                                } | null;
                                retention: {
                                    /** @description newest snapshot of each of N days */
                                    daily: number;
                                    /** @description keep every snapshot this recent */
                                    keepWithinDays: number;
                                    monthly: number;
                                    weekly: number;
                                };
                                schedule: {
                                    /** @description five-field cron pattern */
                                    cron: string;
                                    /** @description IANA time zone, e.g. Europe/Berlin */
                                    timeZone: string;
                                };
                            };
                        };
                    };
                };
            };
        };
        /** Replace the organization’s own backup settings (not while it follows a policy) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    organizationId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Entra ID object types backed up, each on or off */
                        objectTypes: {
                            administrativeUnits: boolean;
                            applications: boolean;
                            auditLogs: boolean;
                            bitlockerKeys: boolean;
                            builtInRoles: boolean;
                            conditionalAccessPolicies: boolean;
                            customRoles: boolean;
                            deviceCompliancePolicies: boolean;
                            deviceConfigurations: boolean;
                            devices: boolean;
                            groups: boolean;
                            servicePrincipals: boolean;
                            signInLogs: boolean;
                            users: boolean;
                        };
                        /** @description where backups go; null until chosen */
                        repository: {
                            /** @description a directory or s3://bucket/prefix */
                            location: string;
                        } | null;
                        retention: {
                            /** @description newest snapshot of each of N days */
                            daily: number;
                            /** @description keep every snapshot this recent */
                            keepWithinDays: number;
                            monthly: number;
                            weekly: number;
                        };
                        schedule: {
                            /** @description five-field cron pattern */
                            cron: string;
                            /** @description IANA time zone, e.g. Europe/Berlin */
                            timeZone: string;
                        };
                    };
                };
            };
            responses: {
                /** @description what went wrong and what to do */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description what went wrong and what to do */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description the policy followed */
                            policy: {
                                id: string;
                                name: string;
                            } | null;
                            settings: {
                                /** @description Entra ID object types backed up, each on or off */
                                objectTypes: {
                                    administrativeUnits: boolean;
                                    applications: boolean;
                                    auditLogs: boolean;
                                    bitlockerKeys: boolean;
                                    builtInRoles: boolean;
                                    conditionalAccessPolicies: boolean;
                                    customRoles: boolean;
                                    deviceCompliancePolicies: boolean;
                                    deviceConfigurations: boolean;
                                    devices: boolean;
                                    groups: boolean;
                                    servicePrincipals: boolean;
                                    signInLogs: boolean;
                                    users: boolean;
                                };
                                /** @description where backups go; null until chosen */
                                repository: {
                                    /** @description a directory or s3://bucket/prefix */
                                    location: string;
                                } | null;
                                retention: {
                                    /** @description newest snapshot of each of N days */
                                    daily: number;
                                    /** @description keep every snapshot this recent */
                                    keepWithinDays: number;
                                    monthly: number;
                                    weekly: number;
                                };
                                schedule: {
                                    /** @description five-field cron pattern */
                                    cron: string;
                                    /** @description IANA time zone, e.g. Europe/Berlin */
                                    timeZone: string;
                                };
                            };
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/organizations/{organizationId}/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** API tokens made by anyone in the organization’s tenant */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    organizationId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description what went wrong and what to do */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description what went wrong and what to do */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                expiresAt: string;
                                id: string;
                                /** Format: date-time */
                                lastUsedAt: string | null;
                                name: string;
                                owner: {
                                    displayName: string;
                                    userId: string;
                                    userPrincipalName: string;
                                };
                                /** Format: date-time */
                                revokedAt: string | null;
                                scopes: string[];
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/organizations/{organizationId}/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant’s users with their access, read from Microsoft Graph */
        get: {
            parameters: {
                query?: {
                    pageSize?: number;
                    pageToken?: string;
                    /** @description part of the display name */
                    search?: string;
                };
                header?: never;
                path: {
                    organizationId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description what went wrong and what to do */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description what went wrong and what to do */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @description administrator: Full Access through a directory role; full: raised to Full Access; none: No Access */
                                access: "administrator" | "full" | "none";
                                /** Format: date-time */
                                accessChangedAt: string | null;
                                accessChangedBy: string | null;
                                displayName: string;
                                id: string;
                                userPrincipalName: string;
                            }[];
                            /** @description pass as pageToken for the next page */
                            nextPageToken: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/organizations/{organizationId}/users/{userId}/access": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Raise a user to Full Access, or lower them to No Access */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    organizationId: string;
                    userId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        level: "full" | "none";
                    };
                };
            };
            responses: {
                /** @description what went wrong and what to do */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description what went wrong and what to do */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description administrator: Full Access through a directory role; full: raised to Full Access; none: No Access */
                            access: "administrator" | "full" | "none";
                            /** Format: date-time */
                            accessChangedAt: string | null;
                            accessChangedBy: string | null;
                            displayName: string;
                            id: string;
                            userPrincipalName: string;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/resellers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Register your tenant as a reseller; its administrators become the reseller’s staff */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        displayName: string;
                    };
                };
            };
            responses: {
                /** @description what went wrong and what to do */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description what went wrong and what to do */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            displayName: string;
                            id: string;
                            /** @description the tenant whose administrators are its staff */
                            partnerTenantId: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/resellers/{resellerId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The reseller */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    resellerId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description what went wrong and what to do */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description what went wrong and what to do */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            displayName: string;
                            id: string;
                            /** @description the tenant whose administrators are its staff */
                            partnerTenantId: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/resellers/{resellerId}/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The reseller’s audit log (its own actions and its customers’), newest first */
        get: {
            parameters: {
                query?: {
                    action?: string;
                    from?: string;
                    pageSize?: number;
                    pageToken?: string;
                    to?: string;
                };
                header?: never;
                path: {
                    resellerId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description what went wrong and what to do */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description what went wrong and what to do */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                action: string;
                                actor: {
                                    name: string;
                                    tenantId: string;
                                    /** @description the API token used, if any */
                                    tokenId: string | null;
                                    userId: string;
                                };
                                /** Format: date-time */
                                at: string;
                                details: {
                                    [key: string]: unknown;
                                } | null;
                                ip: string;
                                organizationId: string | null;
                                resellerId: string | null;
                                seq: number;
                                target: string | null;
                                userAgent: string | null;
                            }[];
                            /** @description pass as pageToken for the next page */
                            nextPageToken: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/resellers/{resellerId}/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A one-time link a customer’s administrator opens to connect their tenant under the reseller */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    resellerId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description what went wrong and what to do */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description what went wrong and what to do */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            expiresAt: string;
                            url: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/resellers/{resellerId}/policies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The reseller’s backup policies */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    resellerId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description what went wrong and what to do */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description what went wrong and what to do */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** Format: date-time */
                                createdAt: string;
                                id: string;
                                name: string;
                                /** @description how many organizations follow it */
                                organizations: number;
                                settings: {
                                    /** @description Entra ID object types backed up, each on or off */
                                    objectTypes: {
                                        administrativeUnits: boolean;
                                        applications: boolean;
                                        auditLogs: boolean;
                                        bitlockerKeys: boolean;
                                        builtInRoles: boolean;
                                        conditionalAccessPolicies: boolean;
                                        customRoles: boolean;
                                        deviceCompliancePolicies: boolean;
                                        deviceConfigurations: boolean;
                                        devices: boolean;
                                        groups: boolean;
                                        servicePrincipals: boolean;
                                        signInLogs: boolean;
                                        users: boolean;
                                    };
                                    /** @description where backups go; null until chosen */
                                    repository: {
                                        /** @description a directory or s3://bucket/prefix */
                                        location: string;
                                    } | null;
                                    retention: {
                                        /** @description newest snapshot of each of N days */
                                        daily: number;
                                        /** @description keep every snapshot this recent */
                                        keepWithinDays: number;
                                        monthly: number;
                                        weekly: number;
                                    };
                                    schedule: {
                                        /** @description five-field cron pattern */
                                        cron: string;
                                        /** @description IANA time zone, e.g. Europe/Berlin */
                                        timeZone: string;
                                    };
                                };
                                /** Format: date-time */
                                updatedAt: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a named backup policy */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    resellerId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        settings: {
                            /** @description Entra ID object types backed up, each on or off */
                            objectTypes: {
                                administrativeUnits: boolean;
                                applications: boolean;
                                auditLogs: boolean;
                                bitlockerKeys: boolean;
                                builtInRoles: boolean;
                                conditionalAccessPolicies: boolean;
                                customRoles: boolean;
                                deviceCompliancePolicies: boolean;
                                deviceConfigurations: boolean;
                                devices: boolean;
                                groups: boolean;
                                servicePrincipals: boolean;
                                signInLogs: boolean;
                                users: boolean;
                            };
                            /** @description where backups go; null until chosen */
                            repository: {
                                /** @description a directory or s3://bucket/prefix */
                                location: string;
                            } | null;
                            retention: {
                                /** @description newest snapshot of each of N days */
                                daily: number;
                                /** @description keep every snapshot this recent */
                                keepWithinDays: number;
                                monthly: number;
                                weekly: number;
                            };
                            schedule: {
                                /** @description five-field cron pattern */
                                cron: string;
                                /** @description IANA time zone, e.g. Europe/Berlin */
                                timeZone: string;
                            };
                        };
                    };
                };
            };
            responses: {
                /** @description what went wrong and what to do */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description what went wrong and what to do */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            id: string;
                            name: string;
                            /** @description how many organizations follow it */
                            organizations: number;
                            settings: {
                                /** @description Entra ID object types backed up, each on or off */
                                objectTypes: {
                                    administrativeUnits: boolean;
                                    applications: boolean;
                                    auditLogs: boolean;
                                    bitlockerKeys: boolean;
                                    builtInRoles: boolean;
                                    conditionalAccessPolicies: boolean;
                                    customRoles: boolean;
                                    deviceCompliancePolicies: boolean;
                                    deviceConfigurations: boolean;
                                    devices: boolean;
                                    groups: boolean;
                                    servicePrincipals: boolean;
                                    signInLogs: boolean;
                                    users: boolean;
                                };
                                /** @description where backups go; null until chosen */
                                repository: {
                                    /** @description a directory or s3://bucket/prefix */
                                    location: string;
                                } | null;
                                retention: {
                                    /** @description newest snapshot of each of N days */
                                    daily: number;
                                    /** @description keep every snapshot this recent */
                                    keepWithinDays: number;
                                    monthly: number;
                                    weekly: number;
                                };
                                schedule: {
                                    /** @description five-field cron pattern */
                                    cron: string;
                                    /** @description IANA time zone, e.g. Europe/Berlin */
                                    timeZone: string;
                                };
                            };
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/resellers/{resellerId}/policies/{policyId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One policy */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    policyId: string;
                    resellerId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description what went wrong and what to do */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description what went wrong and what to do */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            id: string;
                            name: string;
                            /** @description how many organizations follow it */
                            organizations: number;
                            settings: {
                                /** @description Entra ID object types backed up, each on or off */
                                objectTypes: {
                                    administrativeUnits: boolean;
                                    applications: boolean;
                                    auditLogs: boolean;
                                    bitlockerKeys: boolean;
                                    builtInRoles: boolean;
                                    conditionalAccessPolicies: boolean;
                                    customRoles: boolean;
                                    deviceCompliancePolicies: boolean;
                                    deviceConfigurations: boolean;
                                    devices: boolean;
                                    groups: boolean;
                                    servicePrincipals: boolean;
                                    signInLogs: boolean;
                                    users: boolean;
                                };
                                /** @description where backups go; null until chosen */
                                repository: {
                                    /** @description a directory or s3://bucket/prefix */
                                    location: string;
                                } | null;
                                retention: {
                                    /** @description newest snapshot of each of N days */
                                    daily: number;
                                    /** @description keep every snapshot this recent */
                                    keepWithinDays: number;
                                    monthly: number;
                                    weekly: number;
                                };
                                schedule: {
                                    /** @description five-field cron pattern */
                                    cron: string;
                                    /** @description IANA time zone, e.g. Europe/Berlin */
                                    timeZone: string;
                                };
                            };
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        /** Replace a policy: every organization following it uses the new settings */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    policyId: string;
                    resellerId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        settings: {
                            /** @description Entra ID object types backed up, each on or off */
                            objectTypes: {
                                administrativeUnits: boolean;
                                applications: boolean;
                                auditLogs: boolean;
                                bitlockerKeys: boolean;
                                builtInRoles: boolean;
                                conditionalAccessPolicies: boolean;
                                customRoles: boolean;
                                deviceCompliancePolicies: boolean;
                                deviceConfigurations: boolean;
                                devices: boolean;
                                groups: boolean;
                                servicePrincipals: boolean;
                                signInLogs: boolean;
                                users: boolean;
                            };
                            /** @description where backups go; null until chosen */
                            repository: {
                                /** @description a directory or s3://bucket/prefix */
                                location: string;
                            } | null;
                            retention: {
                                /** @description newest snapshot of each of N days */
                                daily: number;
                                /** @description keep every snapshot this recent */
                                keepWithinDays: number;
                                monthly: number;
                                weekly: number;
                            };
                            schedule: {
                                /** @description five-field cron pattern */
                                cron: string;
                                /** @description IANA time zone, e.g. Europe/Berlin */
                                timeZone: string;
                            };
                        };
                    };
                };
            };
            responses: {
                /** @description what went wrong and what to do */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description what went wrong and what to do */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            id: string;
                            name: string;
                            /** @description how many organizations follow it */
                            organizations: number;
                            settings: {
                                /** @description Entra ID object types backed up, each on or off */
                                objectTypes: {
                                    administrativeUnits: boolean;
                                    applications: boolean;
                                    auditLogs: boolean;
                                    bitlockerKeys: boolean;
                                    builtInRoles: boolean;
                                    conditionalAccessPolicies: boolean;
                                    customRoles: boolean;
                                    deviceCompliancePolicies: boolean;
                                    deviceConfigurations: boolean;
                                    devices: boolean;
                                    groups: boolean;
                                    servicePrincipals: boolean;
                                    signInLogs: boolean;
                                    users: boolean;
                                };
                                /** @description where backups go; null until chosen */
                                repository: {
                                    /** @description a directory or s3://bucket/prefix */
                                    location: string;
                                } | null;
                                retention: {
                                    /** @description newest snapshot of each of N days */
                                    daily: number;
                                    /** @description keep every snapshot this recent */
                                    keepWithinDays: number;
                                    monthly: number;
                                    weekly: number;
                                };
                                schedule: {
                                    /** @description five-field cron pattern */
                                    cron: string;
                                    /** @description IANA time zone, e.g. Europe/Berlin */
                                    timeZone: string;
                                };
                            };
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        post?: never;
        /** Delete a policy no organization follows */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    policyId: string;
                    resellerId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description what went wrong and what to do */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description what went wrong and what to do */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your API tokens */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description what went wrong and what to do */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description what went wrong and what to do */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                expiresAt: string;
                                id: string;
                                /** Format: date-time */
                                lastUsedAt: string | null;
                                name: string;
                                owner: {
                                    displayName: string;
                                    userId: string;
                                    userPrincipalName: string;
                                };
                                /** Format: date-time */
                                revokedAt: string | null;
                                scopes: string[];
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Make an API token that acts as you within its scopes (shown once) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default 90 */
                        expiresInDays?: number;
                        name: string;
                        scopes: ("organizations:read" | "organizations:write" | "settings:read" | "settings:write" | "users:read" | "users:write" | "audit:read" | "resellers:read" | "resellers:write" | "jobs:read" | "jobs:write" | "backup:read" | "restore:write")[];
                    };
                };
            };
            responses: {
                /** @description what went wrong and what to do */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description what went wrong and what to do */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            details: {
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                expiresAt: string;
                                id: string;
                                /** Format: date-time */
                                lastUsedAt: string | null;
                                name: string;
                                owner: {
                                    displayName: string;
                                    userId: string;
                                    userPrincipalName: string;
                                };
                                /** Format: date-time */
                                revokedAt: string | null;
                                scopes: string[];
                            };
                            /** @description send as "Authorization: Bearer <token>"; never shown again */
                            token: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tokens/{tokenId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an API token (yours, or as an administrator anyone’s in your tenant) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    tokenId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description what went wrong and what to do */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description what went wrong and what to do */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            expiresAt: string;
                            id: string;
                            /** Format: date-time */
                            lastUsedAt: string | null;
                            name: string;
                            owner: {
                                displayName: string;
                                userId: string;
                                userPrincipalName: string;
                            };
                            /** Format: date-time */
                            revokedAt: string | null;
                            scopes: string[];
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/admin-consent": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An administrator grants consent to the sign-in app for the whole organization */
        get: {
            parameters: {
                query?: {
                    returnTo?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description what went wrong and what to do */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description what went wrong and what to do */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description redirect (Location header) */
                302: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/callback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Where the identity platform returns the browser after sign-in or consent */
        get: {
            parameters: {
                query?: {
                    admin_consent?: string;
                    code?: string;
                    error?: string;
                    error_description?: string;
                    scope?: string;
                    session_state?: string;
                    state?: string;
                    tenant?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description what went wrong and what to do */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description what went wrong and what to do */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description redirect (Location header) */
                302: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/sign-in": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Sign in with Microsoft 365 (redirects to the identity platform) */
        get: {
            parameters: {
                query?: {
                    loginHint?: string;
                    returnTo?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description what went wrong and what to do */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description what went wrong and what to do */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description redirect (Location header) */
                302: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/sign-out": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Ends the browser session */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description what went wrong and what to do */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description what went wrong and what to do */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/consent/callback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Where the identity platform returns the administrator after consent */
        get: {
            parameters: {
                query?: {
                    admin_consent?: string;
                    error?: string;
                    error_description?: string;
                    scope?: string;
                    state?: string;
                    tenant?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description what went wrong and what to do */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description what went wrong and what to do */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description redirect (Location header) */
                302: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/consent/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Connect your tenant: grant admin consent to tenantvault's backup app */
        get: {
            parameters: {
                query?: {
                    /** @description a reseller's invitation */
                    invitation?: string;
                    returnTo?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description what went wrong and what to do */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description what went wrong and what to do */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description where an administrator grants the consent that is missing */
                                adminConsentUrl?: string;
                                code: string;
                                message: string;
                                requestId: string;
                                /** @description where to sign in (401) */
                                signInUrl?: string;
                            };
                        };
                    };
                };
                /** @description redirect (Location header) */
                302: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The process is up */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Prometheus metrics (text exposition format) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The service can answer: its database responds */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: string;
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: never;
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;

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
                        scopes: ("organizations:read" | "organizations:write" | "settings:read" | "settings:write" | "users:read" | "users:write" | "audit:read" | "resellers:read" | "resellers:write")[];
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

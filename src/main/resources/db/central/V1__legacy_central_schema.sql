-- The legacy StageSub central schema (prisma/schema.central.prisma: Orchestra, User, Customer,
-- SystemLog), written as Prisma 6 `migrate` creates it, so an existing StageSub central database
-- matches it column for column and can be baselined at this version.

-- CreateTable
CREATE TABLE "Orchestra" (
    "id" TEXT NOT NULL,
    "orchestraId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "subdomain" TEXT NOT NULL,
    "databaseUrl" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "contactName" TEXT NOT NULL,
    "contactEmail" TEXT NOT NULL,
    "plan" TEXT NOT NULL DEFAULT 'medium',
    "maxMusicians" INTEGER NOT NULL DEFAULT 200,
    "maxProjects" INTEGER NOT NULL DEFAULT 20,
    "pricePerMonth" INTEGER NOT NULL DEFAULT 4990,
    "logoUrl" TEXT,
    "resendApiKey" TEXT,
    "emailFromAddress" TEXT DEFAULT 'no-reply@stagesub.com',
    "emailFromName" TEXT,
    "emailReplyTo" TEXT,
    "twilioAccountSid" TEXT,
    "twilioAuthToken" TEXT,
    "twilioFromNumber" TEXT,
    "smsOnRequest" BOOLEAN NOT NULL DEFAULT false,
    "smsOnReminder" BOOLEAN NOT NULL DEFAULT false,
    "smsOnConfirmation" BOOLEAN NOT NULL DEFAULT false,
    "smsOnPositionFilled" BOOLEAN NOT NULL DEFAULT false,
    "smsOnGroupEmail" BOOLEAN NOT NULL DEFAULT false,
    "features" JSONB DEFAULT '{}',
    "primaryColor" TEXT DEFAULT '#3B82F6',
    "secondaryColor" TEXT DEFAULT '#1E40AF',
    "customDomain" TEXT,
    "faviconUrl" TEXT,
    "apiKey" TEXT,
    "webhookUrl" TEXT,
    "webhookSecret" TEXT,

    CONSTRAINT "Orchestra_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'user',
    "orchestraId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "username" TEXT NOT NULL,
    "lastLogin" TIMESTAMP(3),
    "isArchived" BOOLEAN NOT NULL DEFAULT false,
    "localResident" BOOLEAN NOT NULL DEFAULT false,
    "preferredLanguage" TEXT DEFAULT 'sv',

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Customer" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "subdomain" TEXT NOT NULL,
    "databaseUrl" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "contactEmail" TEXT NOT NULL,
    "plan" TEXT NOT NULL DEFAULT 'small',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Customer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SystemLog" (
    "id" TEXT NOT NULL,
    "timestamp" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "level" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "metadata" JSONB,
    "userId" TEXT,
    "orchestraId" TEXT,
    "subdomain" TEXT,
    "ip" TEXT,
    "userAgent" TEXT,
    "requestId" TEXT,
    "duration" INTEGER,

    CONSTRAINT "SystemLog_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Orchestra_orchestraId_key" ON "Orchestra"("orchestraId");

-- CreateIndex
CREATE UNIQUE INDEX "Orchestra_subdomain_key" ON "Orchestra"("subdomain");

-- CreateIndex
CREATE UNIQUE INDEX "Orchestra_apiKey_key" ON "Orchestra"("apiKey");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "User_username_key" ON "User"("username");

-- CreateIndex
CREATE INDEX "User_orchestraId_idx" ON "User"("orchestraId");

-- CreateIndex
CREATE INDEX "User_username_idx" ON "User"("username");

-- CreateIndex
CREATE INDEX "User_email_idx" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "Customer_subdomain_key" ON "Customer"("subdomain");

-- CreateIndex
CREATE INDEX "SystemLog_timestamp_idx" ON "SystemLog"("timestamp");

-- CreateIndex
CREATE INDEX "SystemLog_category_idx" ON "SystemLog"("category");

-- CreateIndex
CREATE INDEX "SystemLog_level_idx" ON "SystemLog"("level");

-- CreateIndex
CREATE INDEX "SystemLog_userId_idx" ON "SystemLog"("userId");

-- CreateIndex
CREATE INDEX "SystemLog_orchestraId_idx" ON "SystemLog"("orchestraId");

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_orchestraId_fkey" FOREIGN KEY ("orchestraId") REFERENCES "Orchestra"("id") ON DELETE CASCADE ON UPDATE CASCADE;
